#!/usr/bin/env node
/* The worker's own work for a query (scoring, grouping, excerpts) on an
   archive TIMES the size of a built site's, without a browser or a network:

     node bench/scoring_scale.js SITE TIMES [--worker PATH] QUERY...

   Every posting list of SITE's index is repeated TIMES over with the turn
   numbers shifted (so 20 × the 500-interview corpus stands for 10,000
   interviews with the same vocabulary); records are read from SITE. Files
   are read once before the timing, so what is timed is the worker's
   computing, not fetching: for each query, the median of 7 runs, each after
   an unrelated query. --worker times another worker.js (an older commit's,
   say: `git show REV:docs/javascripts/search/worker.js`, with its engine.js
   next to it). */
"use strict";
const fs = require("fs"), path = require("path");

const args = process.argv.slice(2);
const workerAt = args.indexOf("--worker");
const worker = path.resolve(workerAt >= 0 ? args.splice(workerAt, 2)[1]
  : path.join(__dirname, "..", "docs", "javascripts", "search", "worker.js"));
const [site, timesArg, ...queries] = args;
const TIMES = Number(timesArg);
if (!site || !(TIMES >= 1) || !queries.length) {
  console.error("usage: node bench/scoring_scale.js SITE TIMES [--worker PATH] QUERY...");
  process.exit(2);
}
const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

function encode(n) {  // searchindex._encode
  let out = "";
  while (n >= 32) { out += DIGITS[32 + (n & 31)]; n = Math.floor(n / 32); }
  return out + DIGITS[n];
}

global.self = global;
self.location = { href: "file://" + path.resolve(site) + "/javascripts/search/worker.js", hash: "" };
self.importScripts = name => require(path.resolve(path.dirname(worker), name));
const read = rel => JSON.parse(fs.readFileSync(path.join(site, "search", rel), "utf8"));
const original = read("meta.json");

function scaled(rel) {
  if (rel === "meta.json") {
    const starts = [];
    for (let k = 0; k < TIMES; k++) { original.interview_starts.forEach(s => starts.push(s + k * original.records)); }
    return Object.assign({}, original, { records: original.records * TIMES, per_file: 1, interview_starts: starts });
  }
  if (rel.startsWith("records/")) {  // one turn per file at this size; turn n is turn n mod records of SITE
    const doc = Number(rel.slice(8, -5)) % original.records;
    return [read("records/" + Math.floor(doc / original.per_file) + ".json")[doc % original.per_file]];
  }
  const data = read(rel);
  if (rel.startsWith("terms/")) {
    for (const key of Object.keys(data)) {
      const postings = self.InterviewSearch.decodePostings(data[key][1]);
      let text = "", last = 0;
      for (let k = 0; k < TIMES; k++) {
        postings.docs.forEach((doc, i) => {
          const shifted = doc + k * original.records;
          text += encode(shifted - last) + encode(postings.counts[i]);
          last = shifted;
        });
      }
      data[key] = [data[key][0] * TIMES, text];
    }
  }
  return data;
}

const cache = new Map();
self.fetch = url => {
  const rel = decodeURIComponent(new URL(url).pathname).split("/search/").pop();
  if (!cache.has(rel)) { cache.set(rel, scaled(rel)); }
  return Promise.resolve({ ok: true, json: () => Promise.resolve(cache.get(rel)) });
};
let onMessage, answer;
self.addEventListener = (type, handler) => { onMessage = handler; };
self.postMessage = message => answer && answer(message);
require(worker);
const ask = message => new Promise(resolve => { answer = resolve; onMessage({ data: message }); });

(async () => {
  await ask({ type: 0 });
  for (const q of queries) { await ask({ type: 2, data: q }); }  // every file read and scaled
  console.log(`${path.relative(process.cwd(), worker)} at ${TIMES} × ${original.interview_starts.length} interviews`);
  for (const q of queries) {
    const runs = [];
    for (let r = 0; r < 7; r++) {
      await ask({ type: 2, data: "zzzq" });  // an unrelated query in between, as a reader's next one
      const start = process.hrtime.bigint();
      const result = await ask({ type: 2, data: q + (r % 2 ? " " : "") });
      runs.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (!result.data.items.length) { console.error(`${q}: no result`); process.exit(1); }
    }
    runs.sort((a, b) => a - b);
    console.log(`  ${q}: ${runs[3].toFixed(1)} ms median (${runs[0].toFixed(1)}-${runs[6].toFixed(1)})`);
  }
})();
