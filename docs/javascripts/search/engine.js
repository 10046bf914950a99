/* The search engine's pure parts: how a query is cut into terms, converted
   from traditional characters, scored, and how a result's excerpt is made.
   worker.js does the fetching; the tests load this file in a page and check
   it against the index's Python side (transcripts/searchindex.py), which
   defines every rule here first. Source text is untrusted: excerpts are built
   from escaped text only. */
(function (root) {
  "use strict";
  var HAN = "\u3400-\u4dbf\u4e00-\u9fff";
  var HAN_RUN = new RegExp("^[" + HAN + "]+$");
  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var has = Object.prototype.hasOwnProperty;

  function normalise(text) { return text.normalize("NFKC").toLowerCase(); }

  /* The runs a search matches on: [run, isHan] (searchindex.tokens). */
  function tokens(text) {
    var pattern = new RegExp("[" + HAN + "]+|[a-z]+|[0-9]+", "g"), out = [], m;
    text = normalise(text);
    while ((m = pattern.exec(text)) !== null) { out.push([m[0], HAN_RUN.test(m[0])]); }
    return out;
  }

  /* Terms of a query's Han run: its character pairs, or the character itself. */
  function hanQueryTerms(run) {
    if (run.length === 1) { return [run]; }
    var out = [];
    for (var i = 0; i < run.length - 1; i++) {
      if (out.indexOf(run.slice(i, i + 2)) < 0) { out.push(run.slice(i, i + 2)); }
    }
    return out;
  }

  /* Every term of a text as the index stores it (searchindex.index_terms). */
  function indexTerms(text) {
    var out = [];
    tokens(text).forEach(function (t) {
      if (!t[1]) { out.push(t[0]); return; }
      for (var i = 0; i < t[0].length - 1; i++) { out.push(t[0].slice(i, i + 2)); }
      for (var j = 0; j < t[0].length; j++) { out.push(t[0][j]); }
    });
    return out;
  }

  function isAscii(text) { return /^[\x00-\x7f]*$/.test(text); }

  function termKey(term) { return isAscii(term) ? term.slice(0, 3) : term; }

  /* FNV-1a over code points (searchindex.shard_of). */
  function shardOf(key, count) {
    var h = 2166136261;
    for (var ch of key) { h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0; }
    return h % count;
  }

  var DIGIT_VALUE = new Int8Array(128).fill(-1);
  for (var digit = 0; digit < DIGITS.length; digit++) { DIGIT_VALUE[DIGITS.charCodeAt(digit)] = digit; }

  /* Postings as searchindex.encode_postings writes them: (gap, count) pairs,
     each number in base 32, low digits first, a digit of 32 or more meaning
     "more to come". A table lookup per character: the lists of common terms
     run to tens of thousands of postings at 500 interviews. */
  function decodePostings(text) {
    // typed arrays, sized for the most postings the text can hold (2 digits each)
    var docs = new Int32Array(text.length >> 1), counts = new Int32Array(text.length >> 1);
    var i = 0, last = 0, size = 0;
    function number() {
      var n = 0, scale = 1, d;
      while ((d = DIGIT_VALUE[text.charCodeAt(i++)]) >= 32) { n += (d - 32) * scale; scale *= 32; }
      return n + d * scale;
    }
    while (i < text.length) {
      last += number();
      docs[size] = last;
      counts[size++] = number();
    }
    return { docs: docs.subarray(0, size), counts: counts.subarray(0, size) };
  }

  /* Traditional to simplified: longest phrase of the table first, then
     character by character (hanzi.convert_query). */
  function toSimplified(query, table) {
    var out = "", i = 0;
    while (i < query.length) {
      var size = Math.min(table.longest, query.length - i), found = false;
      for (; size > 1; size--) {
        var piece = query.slice(i, i + size);
        if (has.call(table.phrases, piece)) { out += table.phrases[piece]; i += size; found = true; break; }
      }
      if (!found) { out += has.call(table.chars, query[i]) ? table.chars[query[i]] : query[i]; i++; }
    }
    return out;
  }

  /* BM25's saturation without length normalisation, as Material set Lunr up
     (b = 0): a long answer is not penalised for being long. */
  var K = 2.4;  // weighted counts: one occurrence in the text counts 2
  function termScore(count, df, total) {
    return Math.log(1 + total / df) * count * (K + 1) / (count + K);
  }

  /* Where `doc` is in a posting list's ascending docs, or -1. */
  function findDoc(docs, doc) {
    var lo = 0, hi = docs.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (docs[mid] < doc) { lo = mid + 1; } else if (docs[mid] > doc) { hi = mid - 1; } else { return mid; }
    }
    return -1;
  }

  /* A turn's score from its hits, one per clause of the query ({count, df,
     weight}, or null where the turn lacks the clause). `phrases` lists, for
     each Han run of two or more pairs, its clauses' indexes: a phrase is in a
     turn at most as often as its rarest pair, so when the turn has every pair
     each counts no more often than that. This ranks turns by the phrase rather
     than by its pairs said apart, before any record is fetched to check it. */
  function turnScore(hits, phrases, total) {  // loops, not closures: run for every matching turn
    var sum = 0, i, k;
    for (i = 0; i < hits.length; i++) {
      if (!hits[i]) { continue; }
      var count = hits[i].count;
      for (k = 0; k < phrases.length; k++) {
        if (phrases[k].indexOf(i) >= 0) { count = Math.min(count, leastCount(hits, phrases[k])); }
      }
      sum += termScore(count, hits[i].df, total) * hits[i].weight;
    }
    return sum;
  }

  /* The rarest count of a phrase's pairs in a turn, or Infinity if one is missing. */
  function leastCount(hits, members) {
    var least = Infinity;
    for (var m = 0; m < members.length; m++) {
      if (!hits[members[m]]) { return Infinity; }
      least = Math.min(least, hits[members[m]].count);
    }
    return least;
  }

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  }

  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  /* Where `words` occur in `text` ([start, end] pairs, merged): Han words as
     substrings, Latin words at the start of a word, any case. `shadow` is the
     text's simplified form (same length) when it has traditional characters. */
  function matches(text, words, shadow) {
    var hay = normalise(shadow || text), spans = [];
    if (hay.length !== text.length) { hay = (shadow || text).toLowerCase(); }
    words.forEach(function (word) {
      if (!word) { return; }
      var pattern = HAN_RUN.test(word) ? escapeRegExp(word) : "(?<![a-z0-9])" + escapeRegExp(word);
      var re = new RegExp(pattern, "g"), m;
      while ((m = re.exec(hay)) !== null) { spans.push([m.index, m.index + m[0].length]); }
    });
    spans.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    spans.forEach(function (s) {
      var last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) { last[1] = Math.max(last[1], s[1]); } else { merged.push(s.slice()); }
    });
    return merged;
  }

  /* An excerpt of `text` around its first match, escaped, the matches marked. */
  var BEFORE = 40, LENGTH = 160;
  function excerpt(text, spans) {
    var start = spans.length ? Math.max(0, spans[0][0] - BEFORE) : 0;
    var end = Math.min(text.length, start + LENGTH);
    var out = start ? "…" : "", at = start;
    spans.forEach(function (s) {
      if (s[1] <= start || s[0] >= end) { return; }
      var a = Math.max(s[0], start), b = Math.min(s[1], end);
      out += escapeHtml(text.slice(at, a)) + "<mark>" + escapeHtml(text.slice(a, b)) + "</mark>";
      at = b;
    });
    return out + escapeHtml(text.slice(at, end)) + (end < text.length ? "…" : "");
  }

  root.InterviewSearch = {
    normalise: normalise, tokens: tokens, hanQueryTerms: hanQueryTerms, indexTerms: indexTerms,
    termKey: termKey, shardOf: shardOf, decodePostings: decodePostings, toSimplified: toSimplified,
    termScore: termScore, findDoc: findDoc, turnScore: turnScore, escapeHtml: escapeHtml, matches: matches, excerpt: excerpt
  };
})(self);
