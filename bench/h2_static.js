// A static host that speaks HTTP/2 (as GitHub Pages and CDNs do), for
// bench/search_timing.py --http2: node h2_static.js SITE KEY CERT
// Prints its port; serves SITE's files, a folder's index.html, 404 otherwise.
"use strict";
const http2 = require("http2"), fs = require("fs"), path = require("path");
const [root, key, cert] = process.argv.slice(2);
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".json": "application/json",
  ".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".xml": "application/xml" };
const server = http2.createSecureServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert), allowHTTP1: true },
  (req, res) => {
    let file = path.join(root, decodeURIComponent(new URL(req.url, "https://host").pathname));
    if (!file.startsWith(path.resolve(root))) { res.writeHead(403); res.end(); return; }
    fs.stat(file, (err, st) => {
      if (!err && st.isDirectory()) { file = path.join(file, "index.html"); }
      fs.readFile(file, (error, data) => {
        if (error) { res.writeHead(404); res.end(); return; }
        res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream",
          "content-length": data.length });
        res.end(data);
      });
    });
  });
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
