// Page behaviour for interview pages: the 显示原文 switch and the language
// switch of bilingual pages (both remembered across pages in localStorage),
// quote links and citations, and the highlight on arriving at page#quote.
// Everything is (re)applied on every page view, including Material's instant
// navigation (document$); without JavaScript the page still reads and links.
(function () {
  var ORIGINAL = "interviews.showOriginal";
  var LANG = "interviews.langMode";  // "both", or a language family ("zh", "en"): zh-Hans and zh-Hant read alike

  function load(key, fallback) {
    try { return localStorage.getItem(key) || fallback; } catch (e) { return fallback; }
  }
  function save(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* private mode: not remembered */ }
  }

  function setShowOriginal(on) {
    document.body.classList.toggle("show-original", on);
    document.querySelectorAll(".show-original-toggle").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  // One rule per language family shown alone, made when first needed: the
  // families come from the page's buttons (transcripts/languages.py), not from here.
  function hideOtherLanguages(mode) {
    var id = "lang-mode-style-" + mode;
    if (mode === "both" || !/^[a-z]{2,3}$/.test(mode) || document.getElementById(id)) { return; }
    var style = document.createElement("style");
    style.id = id;
    style.textContent = ".lang-mode-" + mode + " .passage.bilingual p[lang]:not(:lang(" + mode + ")) { display: none; }";
    document.head.appendChild(style);
  }

  function setLangMode(mode) {
    var modes = Array.prototype.map.call(document.querySelectorAll("[data-lang-mode]"),
      function (button) { return button.getAttribute("data-lang-mode"); });
    if (modes.indexOf(mode) < 0) { mode = "both"; }
    Array.prototype.slice.call(document.body.classList).forEach(function (name) {
      if (name.indexOf("lang-mode-") === 0) { document.body.classList.remove(name); }
    });
    hideOtherLanguages(mode);
    document.body.classList.add("lang-mode-" + mode);
    document.querySelectorAll("[data-lang-mode]").forEach(function (button) {
      button.setAttribute("aria-pressed", button.getAttribute("data-lang-mode") === mode ? "true" : "false");
    });
  }

  // --- quote links and citations ------------------------------------------

  var NOTICE_RETIRED = "你链接的段落已修改或删除，这是最接近的位置";
  var savedSelection = null;  // a click on the link clears the selection: keep it first

  function toast(message) {
    var box = document.querySelector(".quote-toast");
    if (!box) {
      box = document.createElement("div");
      box.className = "quote-toast";
      box.setAttribute("role", "status");
      box.setAttribute("aria-live", "polite");
      document.body.appendChild(box);
    }
    box.textContent = message;
    box.hidden = false;
    clearTimeout(box._timer);
    box._timer = setTimeout(function () { box.hidden = true; }, 2500);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {  // plain http: the old way
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  function selectionIn(passage) {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) { return ""; }
    var range = selection.getRangeAt(0);
    if (!passage.contains(range.commonAncestorContainer)) { return ""; }
    var words = selection.toString().replace(/\s+/g, " ").trim();
    var p = range.startContainer.parentElement && range.startContainer.parentElement.closest("p[lang]");
    return p ? toWordBoundaries(words, visibleText(p), p.lang) : words;
  }

  // Browsers match text fragments on word boundaries, and in Chinese they find
  // words with the same ICU segmenter as Intl.Segmenter: widen a selection that
  // starts or ends inside a word (明|白) to whole words so the link matches.
  function toWordBoundaries(words, text, lang) {
    var at = text.indexOf(words);
    if (at < 0 || !window.Intl || !Intl.Segmenter) { return words; }
    var start = at, end = at + words.length;
    var segments = new Intl.Segmenter(lang, { granularity: "word" }).segment(text);
    for (var s of segments) {
      var segEnd = s.index + s.segment.length;
      if (s.index < at && at < segEnd) { start = s.index; }
      if (s.index < end && end < segEnd) { end = segEnd; }
    }
    return text.slice(start, end);
  }

  // A URL text fragment for the selected words; the quote's anchor stays in
  // front of it, so a browser that cannot match the words still opens the quote.
  function textDirective(words) {
    if (!words) { return ""; }
    var enc = function (t) { return encodeURIComponent(t).replace(/-/g, "%2D"); };
    if (words.length <= 80) { return ":~:text=" + enc(words); }
    return ":~:text=" + enc(words.slice(0, 30)) + "," + enc(words.slice(-30));
  }

  // The site's public address (SITE_URL) and this interview's slug, from the page header.
  function pageFacts() {
    var meta = document.getElementById("meta");
    return meta ? { site: meta.dataset.siteUrl, slug: meta.dataset.slug } : null;
  }

  // The quote's anchor on the interview page at its public address, with
  // the selected words as a text fragment.
  function quoteUrl(passage, words) {
    var facts = pageFacts();
    var page = facts && facts.site ? facts.site + "interviews/" + facts.slug + "/" : location.origin + location.pathname;
    return page + "#" + passage.id + textDirective(words);
  }

  // A quote's own page (transcripts/share.py): what a chat shows as a
  // preview, and a stop on the way to the quote. Text fragments cannot pass
  // through it, so a link with selected words is the anchor URL.
  function shareUrl(passage) {
    var facts = pageFacts();
    return facts && facts.site ? facts.site + "q/" + facts.slug + "/" + passage.id + "/" : quoteUrl(passage, "");
  }

  function turnHeadingOf(passage) {
    var node = passage;
    while (node && !(node.classList && node.classList.contains("turn-heading"))) {
      node = node.previousElementSibling;
    }
    return node;
  }

  function visibleText(p) {
    var clone = p.cloneNode(true);
    var hidden = document.body.classList.contains("show-original") ? ".corrected" : ".original";
    clone.querySelectorAll(hidden + ", .timestamp").forEach(function (el) { el.remove(); });
    return clone.textContent.replace(/\s+/g, " ").trim();
  }

  function familyOf(p) { return p.getAttribute("lang").split("-")[0]; }

  function citation(passage) {
    var meta = document.getElementById("meta");
    if (!meta) { return ""; }
    var heading = turnHeadingOf(passage);
    var url = shareUrl(passage);
    var d = meta.dataset;
    var where = [d.programme + (d.episode ? " " + d.episode : ""), d.date].filter(Boolean);
    // the time in the recording, and the link that plays it from there
    var stamp = passage.querySelector(".timestamp");
    var time = stamp ? stamp.textContent.trim() : "", play = stamp && stamp.href ? stamp.href : "";
    var out = [];
    // one citation per language of the passage, in that language's style: Chinese first
    var paragraphs = Array.prototype.slice.call(passage.querySelectorAll("p[lang]"));
    paragraphs.sort(function (a, b) { return (familyOf(b) === "zh") - (familyOf(a) === "zh"); });
    paragraphs.forEach(function (p) {
      if (familyOf(p) === "zh") {
        var who = heading ? heading.dataset.citeZh : "";
        out.push("“" + visibleText(p) + "”" + (who ? "——" + who : "") + "，《" + d.title + "》" +
                 (where.length ? "，" + where.join("，") : "") + (time ? "，录音 " + time : "") + "。" + url +
                 (play ? "（从此处播放：" + play + "）" : ""));
      } else {
        var name = heading ? (heading.dataset.citeEn || heading.dataset.citeZh) : "";
        out.push("\u201c" + visibleText(p) + "\u201d" + (name ? " \u2014 " + name : "") + ", \u201c" +
                 (d.titleEn || d.title) + "\u201d" + (where.length ? ", " + where.join(", ") : "") +
                 (time ? ", at " + time : "") + ". " + url + (play ? " (listen from here: " + play + ")" : ""));
      }
    });
    return out.join("\n\n");
  }

  function onQuoteLink(event) {
    var link = event.target.closest(".quote-link");
    if (!link) { return; }
    event.preventDefault();
    event.stopPropagation();  // not a navigation: Material's instant navigation must not see it
    var passage = link.closest(".passage");
    var words = selectionIn(passage) || (savedSelection && savedSelection.passage === passage ? savedSelection.words : "");
    savedSelection = null;
    var url = words ? quoteUrl(passage, words) : shareUrl(passage);
    copyText(url).then(function () {
      toast(words ? "已复制链接（含选中的文字）" : "已复制链接");
    }, function () { toast("无法复制，请手动复制地址栏中的链接"); });
    history.replaceState(history.state, "", "#" + passage.id);
    markTarget(passage);
  }

  function onCite(event) {
    var button = event.target.closest(".quote-cite");
    if (!button) { return; }
    var passage = button.closest(".passage");
    copyText(citation(passage)).then(function () { toast("已复制引用"); },
      function () { toast("无法复制引用"); });
    openCiteMenu(button, passage);
  }

  // --- citations for reference managers: BibTeX and CSL-JSON ---------------
  // The page carries the interview as CSL-JSON (transcripts/cite.py); a
  // quote's item adds who said it, the quote, its share URL and the day the
  // reader accessed it.

  function interviewItem() {
    var block = document.querySelector(".cite-interview[data-csl]");
    try { return block ? JSON.parse(block.dataset.csl) : null; } catch (e) { return null; }
  }

  function today() {
    var d = new Date();
    return [d.getFullYear(), d.getMonth() + 1, d.getDate()];
  }

  function quoteItem(passage) {
    var item = interviewItem();
    if (!item) { return null; }
    var heading = turnHeadingOf(passage);
    var speaker = heading ? (heading.dataset.citeEn || heading.dataset.citeZh) : "";
    var quote = Array.prototype.map.call(passage.querySelectorAll("p[lang]"), visibleText).join(" / ");
    var stamp = passage.querySelector("a.timestamp");
    var out = JSON.parse(JSON.stringify(item));
    out.id = item.id + "-" + passage.id;
    var meta = document.getElementById("meta");
    var english = Array.prototype.every.call(passage.querySelectorAll("p[lang]"), function (p) { return familyOf(p) !== "zh"; });
    if (english && meta && meta.dataset.titleEn && meta.dataset.titleEn !== item.title) {
      out["original-title"] = item.title;  // an English quote is cited under the English title
      out.title = meta.dataset.titleEn;
    }
    if (speaker) { out.author = [{ literal: speaker }]; }
    out.URL = shareUrl(passage);
    out.accessed = { "date-parts": [today()] };
    out.note = ["Quoted passage: \u201c" + quote + "\u201d", stamp ? "Recording at " + stamp.textContent.trim() +
      ": " + stamp.href : "", item.note || ""].filter(Boolean).join("; ");
    return out;
  }

  var BIBTEX_ESCAPES = { "\\": "\\textbackslash{}", "{": "\\{", "}": "\\}", "%": "\\%", "&": "\\&",
    "#": "\\#", "$": "\\$", "_": "\\_", "~": "\\textasciitilde{}", "^": "\\textasciicircum{}" };

  function bibtexValue(text) {  // in one pass: an escape's own braces stay braces
    return String(text).replace(/[\\{}%&#$_~^]/g, function (c) { return BIBTEX_ESCAPES[c]; });
  }

  // One BibTeX entry from a CSL item: @misc, which every BibTeX style and
  // reference manager reads (biblatex's urldate for the access date).
  function bibtex(item) {
    var names = function (list) { return (list || []).map(function (n) { return n.literal || n.family; }).join(" and "); };
    var issued = item.issued ? item.issued["date-parts"][0] : [];
    var accessed = item.accessed ? item.accessed["date-parts"][0] : today();
    var pad = function (n) { return n < 10 ? "0" + n : String(n); };
    var fields = [
      ["author", names(item.author)],
      ["title", item.title],
      ["howpublished", [item["container-title"], item.number].filter(Boolean).join(" ")],
      ["year", issued[0]],
      ["month", issued[1]],
      ["url", item.URL],
      ["urldate", accessed[0] + "-" + pad(accessed[1]) + "-" + pad(accessed[2])],
      ["note", [item.interviewer && item.interviewer.length ? "Interviewer: " + names(item.interviewer) : "",
                item.translator ? "Translator: " + names(item.translator) : "", item.note || ""]
                .filter(Boolean).join("; ")],
      ["language", item.language]
    ].filter(function (f) { return f[1]; });
    var key = item.id.replace(/[^A-Za-z0-9:_-]/g, "-");
    return "@misc{" + key + ",\n" + fields.map(function (f) {
      var value = f[0] === "url" ? f[1] : bibtexValue(f[1]);
      return "  " + f[0] + " = {" + (f[0] === "title" ? "{" + value + "}" : value) + "}";
    }).join(",\n") + "\n}\n";
  }

  function cslJson(item) { return JSON.stringify([item], null, 2) + "\n"; }

  function closeCiteMenu() {
    var menu = document.querySelector(".cite-menu");
    if (menu) { menu.remove(); }
  }

  function openCiteMenu(button, passage) {
    closeCiteMenu();
    var item = quoteItem(passage);
    if (!item) { return; }
    var menu = document.createElement("div");
    menu.className = "cite-menu";
    menu.setAttribute("role", "group");
    menu.setAttribute("aria-label", "其他引用格式");
    [["BibTeX", function () { return bibtex(item); }], ["CSL-JSON（Zotero）", function () { return cslJson(item); }]]
      .forEach(function (format) {
        var choice = document.createElement("button");
        choice.type = "button";
        choice.textContent = "复制 " + format[0];
        choice.addEventListener("click", function () {
          copyText(format[1]()).then(function () { toast("已复制 " + format[0]); },
            function () { toast("无法复制"); });
          closeCiteMenu();
          button.focus();
        });
        menu.appendChild(choice);
      });
    var box = button.getBoundingClientRect();
    menu.style.top = (box.bottom + window.scrollY + 4) + "px";
    menu.style.left = Math.max(8, box.right + window.scrollX - 180) + "px";
    document.body.appendChild(menu);
  }

  function onCiteMenuKey(event) {
    if (event.key === "Escape" && document.querySelector(".cite-menu")) { closeCiteMenu(); }
  }

  function onOutsideClick(event) {
    if (!event.target.closest(".cite-menu, .quote-cite")) { closeCiteMenu(); }
  }

  // "Cite this interview": the same formats for the whole interview.
  function fillInterviewCitation() {
    document.querySelectorAll(".cite-interview").forEach(function (block) {
      var formats = block.querySelector(".cite-formats");
      var item = interviewItem();
      if (!formats || !item || formats.childElementCount) { return; }
      item.accessed = { "date-parts": [today()] };
      [["BibTeX", bibtex(item)], ["CSL-JSON", cslJson(item)]].forEach(function (format) {
        var label = document.createElement("p");
        label.textContent = format[0];
        var pre = document.createElement("pre");
        pre.className = "cite-" + format[0].toLowerCase();
        pre.tabIndex = 0;  // it scrolls: keyboard users can scroll it too
        pre.setAttribute("aria-label", format[0]);
        pre.textContent = format[1];
        formats.appendChild(label);
        formats.appendChild(pre);
      });
      formats.hidden = false;
    });
  }

  function rememberSelection(event) {
    var link = event.target.closest && event.target.closest(".quote-link");
    if (link) {
      var passage = link.closest(".passage");
      savedSelection = { passage: passage, words: selectionIn(passage) };
    }
  }

  // --- arriving at page#quote -----------------------------------------------

  function markTarget(element) {
    document.querySelectorAll(".is-target").forEach(function (el) { el.classList.remove("is-target"); });
    if (element) { element.classList.add("is-target"); }
  }

  function arrive() {
    document.querySelectorAll(".retired-notice").forEach(function (el) { el.remove(); });
    var id = decodeURIComponent(location.hash.replace(/^#/, "").split(":~:")[0]);
    if (!id) { markTarget(null); return; }
    var element = document.getElementById(id);
    if (element && element.classList.contains("retired-anchor")) {
      var successor = document.getElementById(element.dataset.successor);
      if (successor) {
        var notice = document.createElement("p");
        notice.className = "retired-notice";
        notice.setAttribute("role", "status");
        notice.textContent = NOTICE_RETIRED;
        successor.parentNode.insertBefore(notice, successor);
        element = successor;
      }
    }
    if (element && element.classList.contains("passage")) {
      markTarget(element);
      var top = (element.previousElementSibling && element.previousElementSibling.classList.contains("retired-notice"))
        ? element.previousElementSibling : element;
      top.scrollIntoView({ block: "start" });  // scroll-margin keeps it clear of the header
    } else {
      markTarget(null);
    }
  }

  // --- a search that finds nothing suggests close concept pages ---------------

  var NO_RESULT = "没有找到符合条件的结果";
  var conceptNames = null;

  function siteBase() {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    return new URL(base + "/", location.href);
  }

  function bigrams(text) {
    var out = [];
    for (var i = 0; i < text.length - 1; i++) { out.push(text.slice(i, i + 2)); }
    return out.length ? out : [text];
  }

  function closeness(query, name) {
    var q = query.toLowerCase().replace(/\s+/g, ""), n = name.toLowerCase().replace(/\s+/g, "");
    if (!q || !n) { return 0; }
    if (n.indexOf(q) >= 0 || q.indexOf(n) >= 0) { return 1; }
    var a = bigrams(q), b = bigrams(n), shared = 0, pool = b.slice();
    a.forEach(function (g) { var at = pool.indexOf(g); if (at >= 0) { shared++; pool.splice(at, 1); } });
    return 2 * shared / (a.length + b.length);
  }

  function suggest(meta, query) {
    var box = document.querySelector(".search-suggestions");
    if (box) { box.remove(); }
    if (meta.textContent.indexOf(NO_RESULT) < 0 || !query.trim()) { return; }
    concepts().then(function (list) {
      var ranked = list.map(function (c) {
        var best = Math.max.apply(null, c.names.map(function (n) { return closeness(query, n); }));
        return { c: c, score: best };
      }).filter(function (x) { return x.score >= 0.4; })
        .sort(function (x, y) { return y.score - x.score; }).slice(0, 5);
      var old = document.querySelector(".search-suggestions");
      if (old) { old.remove(); }
      var note = document.createElement("div");
      note.className = "search-suggestions";
      note.setAttribute("role", "status");
      note.appendChild(document.createTextNode(ranked.length ? "没有找到「" + query + "」。相近的概念：" : "没有找到「" + query + "」。"));
      ranked.forEach(function (x) {
        var link = document.createElement("a");
        link.href = new URL("concepts/" + x.c.id + "/", siteBase()).href;
        link.textContent = x.c.zh + " " + x.c.en;
        note.appendChild(link);
      });
      meta.parentNode.insertBefore(note, meta.nextSibling);
    });
  }

  function concepts() {
    if (!conceptNames) {
      conceptNames = fetch(new URL("data/concepts.json", siteBase()))
        .then(function (r) { return r.ok ? r.json() : []; })
        .catch(function () { return []; });  // a site without concepts: no suggestions, no marks
    }
    return conceptNames;
  }

  // --- arriving from a search in the other language ----------------------------
  // Material marks the query's words (?h=) on the page. A Chinese turn found by
  // `pretraining` has that word only in the index's hidden concept names, so
  // the reader saw nothing marked: mark the names of the concept the text does use.

  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  function conceptNamesIn(terms, list) {
    var words = " " + terms.toLowerCase().replace(/\s+/g, " ") + " ", names = [];
    list.forEach(function (c) {
      var named = c.names.some(function (n) { return words.indexOf(" " + n.toLowerCase() + " ") >= 0; });
      if (named) { names = names.concat(c.names); }
    });
    return names.sort(function (a, b) { return b.length - a.length; });
  }

  function namesPattern(names) {
    return new RegExp(names.map(function (n) {
      return /^[\x00-\x7f]+$/.test(n) ? "\\b" + escapeRegExp(n) + "\\b" : escapeRegExp(n);
    }).join("|"), "gi");
  }

  function markNames(root, pattern) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var p = node.parentElement;
        return p.closest("mark, .original, .quote-tools, .timestamp")
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) { nodes.push(walker.currentNode); }
    nodes.forEach(function (node) {
      var text = node.nodeValue, last = 0, match, parts = document.createDocumentFragment();
      pattern.lastIndex = 0;
      while ((match = pattern.exec(text)) !== null) {
        parts.appendChild(document.createTextNode(text.slice(last, match.index)));
        var mark = document.createElement("mark");
        mark.setAttribute("data-md-highlight", "");
        mark.textContent = match[0];
        parts.appendChild(mark);
        last = match.index + match[0].length;
      }
      if (last) {
        parts.appendChild(document.createTextNode(text.slice(last)));
        node.parentNode.replaceChild(parts, node);
      }
    });
  }

  function markConceptsOfQuery() {
    var terms = new URLSearchParams(location.search).get("h");
    var content = document.querySelector(".md-content");
    if (!terms || !content || !content.querySelector(".passage")) { return; }
    concepts().then(function (list) {
      var names = conceptNamesIn(terms, list);
      if (names.length) {
        var pattern = namesPattern(names);
        content.querySelectorAll(".passage").forEach(function (passage) { markNames(passage, pattern); });
      }
    });
  }

  // --- a concept page's full list of quotes, on demand -------------------------
  // The page shows the strongest quotes of the interviews that mention the
  // concept most; every quote is in data/concepts/<id>.json.

  var conceptQuotes = {};

  function quotesOf(concept) {
    if (!conceptQuotes[concept]) {
      conceptQuotes[concept] = fetch(new URL("data/concepts/" + concept + ".json", siteBase()))
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .catch(function (err) { delete conceptQuotes[concept]; throw err; });
    }
    return conceptQuotes[concept];
  }

  function kwicItem(slug, quote) {
    var href = new URL("interviews/" + slug + "/#" + quote[0], siteBase()).href;
    var li = document.createElement("li");
    var who = document.createElement("a"), line = document.createElement("a"), mark = document.createElement("mark");
    who.className = "kwic-speaker"; who.href = href; who.textContent = quote[1];
    line.className = "kwic-line"; line.href = href;
    mark.textContent = quote[3];
    line.append(quote[2], mark, quote[4]);
    li.append(who, line);
    return li;
  }

  function quoteList(group) {
    var list = document.createElement("ul");
    list.className = "kwic";
    group.quotes.forEach(function (quote) { list.appendChild(kwicItem(group.slug, quote)); });
    return list;
  }

  function onMoreQuotes(event) {
    var button = event.target.closest(".kwic-more button");
    if (!button) { return; }
    var holder = button.parentNode, slug = button.dataset.interview;
    button.disabled = true;
    quotesOf(button.dataset.concept).then(function (groups) {
      if (slug) {  // this interview's section: all its quotes
        var group = groups.filter(function (g) { return g.slug === slug; })[0];
        var old = holder.previousElementSibling;
        if (group && old && old.classList.contains("kwic")) { old.replaceWith(quoteList(group)); }
      } else {  // the interviews the page lists no quotes of
        groups.forEach(function (g) {
          if (document.getElementById(g.slug)) { return; }
          var heading = document.createElement("h2");
          heading.id = g.slug;
          heading.textContent = g.title;
          holder.parentNode.insertBefore(heading, holder);
          holder.parentNode.insertBefore(quoteList(g), holder);
        });
      }
      holder.remove();
    }, function () {
      button.disabled = false;
      toast("无法载入引文，请稍后再试");
    });
  }

  function watchSearch() {
    var meta = document.querySelector(".md-search-result__meta");
    var input = document.querySelector("input.md-search__input");
    if (!meta || !input || meta._watched) { return; }
    meta._watched = true;
    new MutationObserver(function () { suggest(meta, input.value); })
      .observe(meta, { childList: true, characterData: true, subtree: true });
  }

  var listening = false;

  function init() {
    if (!listening) {  // document-level listeners survive instant navigation: add once
      listening = true;
      document.addEventListener("pointerdown", rememberSelection, true);
      document.addEventListener("click", onQuoteLink, true);  // capture: before instant navigation
      document.addEventListener("click", onCite);
      document.addEventListener("click", onOutsideClick);
      document.addEventListener("keydown", onCiteMenuKey);
      document.addEventListener("click", onMoreQuotes);
      window.addEventListener("hashchange", arrive);
      window.addEventListener("popstate", arrive);  // same-page links use pushState, no hashchange
    }
    arrive();
    closeCiteMenu();
    fillInterviewCitation();
    markConceptsOfQuery();
    watchSearch();
    setShowOriginal(load(ORIGINAL, "0") === "1");
    setLangMode(load(LANG, "both"));
    document.querySelectorAll(".show-original-toggle").forEach(function (button) {
      button.addEventListener("click", function () {
        var on = !document.body.classList.contains("show-original");
        setShowOriginal(on);
        save(ORIGINAL, on ? "1" : "0");
      });
    });
    document.querySelectorAll(".lang-switch").forEach(function (group) { group.hidden = false; });
    document.querySelectorAll("[data-lang-mode]").forEach(function (button) {
      button.addEventListener("click", function () {
        var mode = button.getAttribute("data-lang-mode");
        setLangMode(mode);
        save(LANG, mode);
      });
    });
  }

  if (window.document$) { window.document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();
