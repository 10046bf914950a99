
/* Appended to Material's search worker by hooks/search_fix.py.

   searchQuery: turns a traditional-Chinese query into the simplified words of
   the index before Material segments it, and keeps the query as a phrase.
   The table comes from the index's own vocabulary (transcripts/hanzi.py,
   query_table); the conversion is convert_query from there.

   boostPhrases: Lunr scores words, not their order, so a turn saying 电子大脑
   and 数字身体 could outrank one saying 数字大脑. A section that contains the
   whole query as typed scores PHRASE_BOOST times higher. */
(function (table) {
  var PHRASE_BOOST = 2;
  var has = Object.prototype.hasOwnProperty;
  var phrase = "";
  var plainTexts = new Map();

  function toSimplified(query) {
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

  function plain(ref, doc) {
    if (!plainTexts.has(ref)) {
      // a tag ends a paragraph: a phrase must not match across two of them
      plainTexts.set(ref, (doc.title + " " + doc.text).replace(/<[^>]*>/g, " ").replace(/\u200b/g, "")
        .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&#39;/g, "'")
        .replace(/&amp;/g, "&").replace(/\s+/g, " ").toLowerCase());
    }
    return plainTexts.get(ref);
  }

  self.hanToSimplified = toSimplified;
  self.searchQuery = function (query) {
    var simplified = toSimplified(query);
    phrase = simplified.replace(/\s+/g, " ").trim().toLowerCase();
    return simplified;
  };
  self.boostPhrases = function (results, docs) {
    if (phrase.length < 2) return results;
    results.forEach(function (result) {
      var doc = docs.get(result.ref);
      if (doc && plain(result.ref, doc).indexOf(phrase) !== -1) result.score *= PHRASE_BOOST;
    });
    return results.sort(function (a, b) { return b.score - a.score; });
  };
})(/*TABLE*/);
