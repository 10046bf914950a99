/* The site's search worker. Material's search box and result list talk to it
   with Material's documented worker messages (SETUP 0, READY 1, QUERY 2,
   RESULT 3; overrides/main.html points Material's configuration at this file),
   so the results appear in Material's own list, unpatched.

   The index (built by transcripts/searchindex.py into search/) is never loaded
   whole: meta.json at setup, then per query the shards holding its terms,
   the traditional-phrase buckets of its characters and the records of the
   turns it shows. Fetched files are kept for the next query. */
importScripts("engine.js");

(function () {
  "use strict";
  var E = self.InterviewSearch;
  var BASE = new URL("../../search/", self.location.href);
  var PREFIX_WEIGHT = 0.6;  // `transform` finding `transformer` counts less than the word itself
  var PHRASE_BOOST = 2;  // a turn with the whole query as typed, not just its terms
  var NEARLY_AS_GOOD = 0.8;  // a turn scoring this share of its interview's best stays visible
  // What a result list shows: up to GROUPS interviews (Material draws ten at
  // once), each with its best turn; while fewer interviews match, more turns
  // of the first ones (behind Material's "more on this page"), RECORDS turns
  // in all. Each turn is a file, and on this 2-core machine each fetch costs
  // the browser ~2 ms however small the file: at 500 interviews a second
  // query's median was 53 ms fetching 12 turns, 48 ms fetching 10 (54 runs
  // each, bench/RESULTS.md), and every one of the ten listed interviews
  // still shows its best turn.
  var GROUPS = 10, TURNS_PER_GROUP = 4, RECORDS = 10;
  var has = Object.prototype.hasOwnProperty;
  var files = new Map();
  var meta = null;
  var latest = 0;

  function get(path) {
    if (!files.has(path)) {
      files.set(path, fetch(new URL(path, BASE)).then(function (r) {
        if (!r.ok) { throw new Error(path + ": " + r.status); }
        return r.json();
      }).catch(function (err) { files.delete(path); throw err; }));
    }
    return files.get(path);
  }

  function unique(list) { return list.filter(function (x, i) { return list.indexOf(x) === i; }); }

  function convert(query) {
    var chars = unique(Array.from(query).filter(function (c) { return E.tokens(c).some(function (t) { return t[1]; }); }));
    var buckets = unique(chars.map(function (c) { return E.shardOf(c, meta.hant_buckets); }));
    return Promise.all(buckets.map(function (n) { return get("hant/" + n + ".json"); })).then(function (parts) {
      var phrases = Object.assign.apply(null, [{}].concat(parts));
      return E.toSimplified(query, { phrases: phrases, chars: meta.chars, longest: meta.longest });
    });
  }

  /* Each clause must match: a Han pair (or single character), or a Latin
     word, which also finds the words it begins when it has 3 letters or more.
     A Han clause remembers its run (the phrase it is part of). */
  function clausesOf(runs) {
    var out = [], seen = {};
    runs.forEach(function (run, r) {
      var terms = run[1] ? E.hanQueryTerms(run[0]) : [run[0]];
      terms.forEach(function (term) {
        if (seen[term]) { return; }
        seen[term] = true;
        out.push({ term: term, prefix: !run[1] && term.length >= 3, run: run[1] ? r : -1 });
      });
    });
    return out;
  }

  /* A clause's posting lists in its shard: its term's, or for a Latin word of
     3+ letters every word it begins. The last query's lists stay decoded for
     the next (a reader refining a query), no more: at 500 interviews a common
     pair has over ten thousand postings, at 10,000 some hundred thousand. */
  var decoded = new Map();  // "shard key" -> postings, of the last query
  function clauseLists(clause, shardNumber, shard, kept) {
    var keys = clause.prefix ? Object.keys(shard).filter(function (k) { return k.indexOf(clause.term) === 0; })
      : (has.call(shard, clause.term) ? [clause.term] : []);
    return keys.map(function (key) {
      var id = shardNumber + " " + key;
      var postings = kept.get(id) || decoded.get(id) || E.decodePostings(shard[key][1]);
      kept.set(id, postings);
      return { docs: postings.docs, counts: postings.counts, df: shard[key][0],
               weight: key === clause.term ? 1 : PREFIX_WEIGHT };
    });
  }

  /* The clause's best key in one turn: {count, df, weight}, or null. */
  function hitIn(lists, doc) {
    var best = null;
    lists.forEach(function (list) {
      var i = E.findDoc(list.docs, doc);
      if (i < 0) { return; }
      var hit = hitAt(list, i);
      if (!best || termScore(hit) > termScore(best)) { best = hit; }
    });
    return best;
  }

  function hitAt(list, i) { return { count: list.counts[i], df: list.df, weight: list.weight }; }

  function termScore(hit) { return E.termScore(hit.count, hit.df, meta.records) * hit.weight; }

  function docsOf(lists) {
    if (lists.length === 1) { return lists[0].docs; }
    var seen = new Set();
    lists.forEach(function (list) { list.docs.forEach(function (doc) { seen.add(doc); }); });
    return Array.from(seen);
  }

  /* The clause indexes of each Han run of two or more pairs (E.turnScore). */
  function phrasesOf(clauses) {
    var byRun = {};
    clauses.forEach(function (clause, i) {
      if (clause.run >= 0) { (byRun[clause.run] = byRun[clause.run] || []).push(i); }
    });
    return Object.keys(byRun).map(function (run) { return byRun[run]; })
      .filter(function (members) { return members.length > 1; });
  }

  /* Turns with every clause, looked up from the clause with the fewest
     postings; if none, those with at least half of them, scored down.
     Unordered: only the interviews listed are sorted (grouped). */
  function score(clauses, shards) {
    var kept = new Map();
    var lists = clauses.map(function (clause) {
      var n = E.shardOf(E.termKey(clause.term), meta.shards);
      return clauseLists(clause, n, shards[n], kept);
    });
    decoded = kept;
    var phrases = phrasesOf(clauses), total = meta.records;
    var sizes = lists.map(function (l) { return l.reduce(function (sum, list) { return sum + list.docs.length; }, 0); });
    var rarest = sizes.indexOf(Math.min.apply(null, sizes)), all = [];
    var own = lists[rarest].length === 1 && lists[rarest][0];  // its hits need no look-up
    docsOf(lists[rarest]).forEach(function (doc, at) {
      var hits = [];
      for (var i = 0; i < lists.length; i++) {
        hits[i] = i === rarest && own ? hitAt(own, at) : hitIn(lists[i], doc);
        if (!hits[i]) { return; }
      }
      all.push({ doc: doc, score: E.turnScore(hits, phrases, total) });
    });
    if (all.length || clauses.length === 1) { return all; }
    var clausesIn = new Map(), some = [];
    lists.forEach(function (l) { docsOf(l).forEach(function (doc) { clausesIn.set(doc, (clausesIn.get(doc) || 0) + 1); }); });
    clausesIn.forEach(function (n, doc) {
      var share = n / clauses.length;
      if (share < 0.5) { return; }
      var hits = lists.map(function (l) { return hitIn(l, doc); });
      some.push({ doc: doc, score: E.turnScore(hits, phrases, total) * share * share });
    });
    return some;
  }

  function better(a, b) { return b.score - a.score || a.doc - b.doc; }

  function interviewOf(doc) {
    var starts = meta.interview_starts, lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= doc) { lo = mid; } else { hi = mid - 1; }
    }
    return lo;
  }

  /* The first `count` interviews by their best turn, each with its best
     turns (no more than a list can show), best first. A common term matches
     thousands of turns at 500 interviews and hundreds of thousands at 10,000:
     they are grouped in one pass that keeps each interview's best few. */
  function grouped(hits, count) {
    var groups = new Map();
    hits.forEach(function (hit) {
      var key = interviewOf(hit.doc), best = groups.get(key);
      if (!best) { groups.set(key, [hit]); return; }
      if (best.length === TURNS_PER_GROUP && better(hit, best[TURNS_PER_GROUP - 1]) > 0) { return; }
      var at = best.length;
      while (at > 0 && better(hit, best[at - 1]) < 0) { at--; }
      best.splice(at, 0, hit);
      if (best.length > TURNS_PER_GROUP) { best.pop(); }
    });
    return Array.from(groups.values()).sort(function (a, b) { return better(a[0], b[0]); }).slice(0, count);
  }

  /* Each interview's best turn, then its next best (first interviews first)
     while the budget of records lasts. */
  function chosen(groups) {
    var shown = groups.map(function (hits) { return hits.slice(0, 1); }), left = RECORDS - shown.length;
    for (var rank = 1; rank < TURNS_PER_GROUP && left > 0; rank++) {
      for (var g = 0; g < groups.length && left > 0; g++) {
        if (groups[g][rank]) { shown[g].push(groups[g][rank]); left--; }
      }
    }
    return shown;
  }

  function record(doc) {
    var file = Math.floor(doc / meta.per_file);
    return get("records/" + file + ".json").then(function (list) { return list[doc % meta.per_file]; });
  }

  function plain(text) { return E.normalise(text).replace(/\s+/g, " "); }

  /* The whole query as typed (after conversion): every Han run of two or more
     characters in one place, or the Latin words in this order. */
  function hasPhrase(rec, runs, query) {
    var han = runs.filter(function (r) { return r[1] && r[0].length > 1; });
    return rec[4].some(function (t) {
      var text = plain(t[3] || t[2]);
      if (han.length) { return han.every(function (r) { return text.indexOf(r[0]) >= 0; }); }
      return runs.length > 1 && text.indexOf(query) >= 0;
    });
  }

  /* Concepts whose hidden names (the other language's) the query is: the
     names the text does use are what the excerpt shows and marks. */
  function conceptNames(rec, query) {
    var names = [];
    rec[6].forEach(function (concept) {
      var found = concept[0].some(function (name) {
        var n = plain(name);
        return n.length > 1 && (query.indexOf(n) >= 0 || n.indexOf(query) >= 0);
      });
      if (found) { names = names.concat(concept[1]); }
    });
    return names;
  }

  /* Corrections whose source words (hidden terms) the query found while the
     page's text does not say them: [source words, corrected words]. */
  function foundInOriginals(rec, words, shown) {
    var out = [], seen = {};
    rec[5].forEach(function (pair) {
      var original = plain(pair[0]);
      var found = words.some(function (w) { return original.indexOf(w) >= 0 && shown.indexOf(w) < 0; });
      if (found && !seen[pair[0]]) { seen[pair[0]] = true; out.push(pair); }
    });
    return out;
  }

  function item(rec, hit, runs, query) {
    var words = runs.map(function (r) { return r[0]; });
    var shown = rec[4].map(function (t) { return plain(t[3] || t[2]); }).join("\n");
    var originals = foundInOriginals(rec, words, shown);
    var names = conceptNames(rec, query);
    var marked = words.concat(names, originals.map(function (pair) { return plain(pair[1]); }));
    var best = null;
    rec[4].forEach(function (t) {
      var spans = E.matches(t[2], marked, t[3]);
      if (!best || spans.length > best.spans.length) { best = { text: t[2], spans: spans }; }
    });
    var html = "<p>" + E.excerpt(best.text, best.spans) + "</p>";
    var said = words.filter(function (w) { return shown.indexOf(w) >= 0; });
    originals.forEach(function (pair) {
      html += "<p class=\"search-result-original\">原文作 <mark>" + E.escapeHtml(pair[0]) + "</mark></p>";
    });
    var terms = {};
    said.concat(names).forEach(function (w) { terms[w] = true; });
    return {
      location: "interviews/" + rec[0] + "/#" + rec[2], title: E.escapeHtml(rec[3]),
      text: html, score: hit.score, terms: terms
    };
  }

  function article(rec, score) {
    return { location: "interviews/" + rec[0] + "/", title: E.escapeHtml(rec[1]), text: "", score: score, terms: {} };
  }

  function shardsOf(clauses) {
    return unique(clauses.map(function (c) { return E.shardOf(E.termKey(c.term), meta.shards); }));
  }

  function search(query) {
    if (!query.trim()) { return Promise.resolve({ items: [] }); }
    var typed = E.normalise(query);
    // The shards of the query as typed load while its traditional phrases are
    // looked up: most queries convert to themselves, and then they are the
    // ones. Not for a query with traditional characters: its shards are others.
    if (!Array.from(typed).some(function (c) { return has.call(meta.chars, c); })) {
      shardsOf(clausesOf(E.tokens(typed))).forEach(function (n) {
        get("terms/" + n + ".json").catch(function () {});  // the search itself reports a failure
      });
    }
    return convert(typed).then(function (converted) {
      var runs = E.tokens(converted), clauses = clausesOf(runs);
      if (!clauses.length) { return { items: [] }; }
      var shardNumbers = shardsOf(clauses);
      return Promise.all(shardNumbers.map(function (n) { return get("terms/" + n + ".json"); })).then(function (parts) {
        var shards = {};
        shardNumbers.forEach(function (n, i) { shards[n] = parts[i]; });
        var shown = chosen(grouped(score(clauses, shards), GROUPS));
        var phrase = runs.map(function (r) { return r[0]; }).join(" ");
        return Promise.all(shown.map(function (hits) { return Promise.all(hits.map(function (h) { return record(h.doc); })); }))
          .then(function (recs) {
            var items = shown.map(function (hits, g) {
              var turns = hits.map(function (hit, i) {
                var rec = recs[g][i];
                var boosted = { doc: hit.doc, score: hit.score * (hasPhrase(rec, runs, phrase) ? PHRASE_BOOST : 1) };
                return item(rec, boosted, runs, phrase);
              }).sort(function (a, b) { return b.score - a.score; });
              return { best: turns[0].score, list: [article(recs[g][0], turns[0].score * NEARLY_AS_GOOD)].concat(turns) };
            });
            items.sort(function (a, b) { return b.best - a.best; });
            return { items: items.map(function (group) { return group.list; }) };
          });
      });
    });
  }

  /* The traditional-phrase table comes with meta.json while it is one file
     (6 kB at 500 interviews): a query's conversion then never waits for it. */
  function loadMeta() {
    return get("meta.json").then(function (data) {
      meta = data;
      if (meta.hant_buckets === 1) { get("hant/0.json").catch(function () {}); }
    });
  }

  /* The search of the text in the box, started when the text changed: Material
     asks on keyup, and a person's key is down for a tenth of a second after
     the text changed. The page tells its own worker (overrides/main.html: the
     channel's name is in this worker's URL fragment, so other tabs of the site
     do not hear it); Material's query for the same text then takes this
     search, under way or done. Only the latest text is kept. */
  var started = null;  // {query, result}
  function searchOnce(query) {
    if (!started || started.query !== query) {
      var result = (meta ? Promise.resolve() : loadMeta()).then(function () { return search(query); });
      var entry = started = { query: query, result: result };
      result.catch(function () { if (started === entry) { started = null; } });  // a failure is tried again
    }
    return started.result;
  }

  if (self.location.hash.length > 1 && typeof BroadcastChannel === "function") {
    new BroadcastChannel(self.location.hash.slice(1)).onmessage = function (event) {
      if (typeof event.data === "string") { searchOnce(event.data).catch(function () {}); }  // the QUERY reports it
    };
  }

  self.addEventListener("message", function (event) {
    var message = event.data;
    if (message.type === 0) {  // SETUP: Material's own index (a stub here) is not used
      // READY even if meta.json failed: each query tries again
      loadMeta().catch(function (err) { console.error("search:", err); })
        .then(function () { self.postMessage({ type: 1 }); });
    } else if (message.type === 2) {  // QUERY
      var number = ++latest;
      searchOnce(message.data).then(function (result) {
        if (number === latest) { self.postMessage({ type: 3, data: result }); }
      }, function (err) {
        console.error("search:", err);
        if (number === latest) { self.postMessage({ type: 3, data: { items: [] } }); }
      });
    }
  });
})();
