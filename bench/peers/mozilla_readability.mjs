// Runs Mozilla Readability (@mozilla/readability 0.6.0 on jsdom 28.1.0) over the pages of a manifest and prints pages/s.
//
// usage: node mozilla_readability.mjs MANIFEST.json OUT.json      (after ./install.sh)
// MANIFEST: {"warmup": N, "pages": [{"id": ..., "path": <UTF-8 HTML file>}, ...]}
// OUT:      {"peer": ..., "version": ..., "pages": n, "seconds": s, "pages_per_s": x, "outputs": {id: text}}
// Timing covers jsdom parsing and extraction of every page, after a warm-up over the first N pages.
// The article HTML is turned into text with one blank line between blocks.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { JSDOM, VirtualConsole } from "jsdom";
import { Readability } from "@mozilla/readability";

const require = createRequire(import.meta.url);
const VERSION = require("@mozilla/readability/package.json").version;
const BLOCKS = new Set(["P", "DIV", "SECTION", "ARTICLE", "H1", "H2", "H3", "H4", "H5", "H6", "LI", "UL", "OL", "BLOCKQUOTE",
  "PRE", "TABLE", "TR", "TD", "TH", "DD", "DT", "DL", "FIGURE", "FIGCAPTION", "HEADER", "FOOTER", "BR"]);
const quiet = new VirtualConsole(); // pages' CSS/JS errors are not ours to print

function toText(node, parts) {
  for (const child of node.childNodes) {
    if (child.nodeType === 3) parts.push(child.nodeValue);
    else if (child.nodeType === 1) {
      const block = BLOCKS.has(child.nodeName);
      if (block) parts.push("\n\n");
      toText(child, parts);
      if (block) parts.push("\n\n");
    }
  }
  return parts;
}

function extract(html) {
  let dom, out;
  try {
    dom = new JSDOM(html, { url: "https://localhost/", virtualConsole: quiet });
    const article = new Readability(dom.window.document).parse();
    if (!article || !article.content) return "";
    out = new JSDOM(`<body>${article.content}</body>`, { virtualConsole: quiet });
    const text = toText(out.window.document.body, []).join("");
    return text.split("\n\n").map(p => p.replace(/\s+/g, " ").trim()).filter(p => p).join("\n\n");
  } catch {
    return ""; // a crash counts as empty output, as in the benchmarks
  } finally {
    // jsdom keeps every window alive until it is closed: without this the run grows to gigabytes.
    dom?.window.close();
    out?.window.close();
  }
}

const manifest = JSON.parse(readFileSync(process.argv[2], "utf8"));
const pages = manifest.pages.map(p => [p.id, readFileSync(p.path, "utf8")]);
for (const [, html] of pages.slice(0, manifest.warmup ?? 0)) extract(html);
const outputs = {};
const start = process.hrtime.bigint();
for (const [id, html] of pages) outputs[id] = extract(html);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const rate = seconds > 0 ? pages.length / seconds : 0;
writeFileSync(process.argv[3], JSON.stringify({ peer: "mozilla-readability", version: VERSION, pages: pages.length, seconds, pages_per_s: rate, outputs }));
console.log(`mozilla-readability ${VERSION}: ${pages.length} pages in ${seconds.toFixed(1)} s = ${rate.toFixed(1)} pages/s`);
