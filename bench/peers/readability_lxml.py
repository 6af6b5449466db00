#!/usr/bin/python3
"""Runs readability-lxml (Debian python3-readability) over the pages of a manifest and prints pages/s.

usage: /usr/bin/python3 readability_lxml.py MANIFEST.json OUT.json
MANIFEST: {"warmup": N, "pages": [{"id": ..., "path": <UTF-8 HTML file>}, ...]}
OUT:      {"peer": ..., "version": ..., "pages": n, "seconds": s, "pages_per_s": x, "outputs": {id: text}}
Timing covers parsing and extraction of every page, after a warm-up over the first N pages; reading
the files is not timed. The article HTML is turned into text with one blank line between blocks.
"""
import json
import sys
import time

import lxml.html
from readability import Document

try:
    from importlib.metadata import version as _version
    VERSION = _version("readability-lxml")
except Exception:  # Debian may not ship the distribution metadata
    VERSION = ""

BLOCKS = {"p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote",
          "pre", "table", "tr", "td", "th", "dd", "dt", "dl", "figure", "figcaption", "header", "footer", "br"}


def to_text(summary_html):
    if not summary_html.strip():
        return ""
    tree = lxml.html.fromstring(summary_html)
    for el in tree.iter():
        if isinstance(el.tag, str) and el.tag.lower() in BLOCKS:
            el.tail = "\n\n" + (el.tail or "")
            el.text = "\n\n" + (el.text or "")
    lines = [" ".join(part.split()) for part in tree.text_content().split("\n\n")]
    return "\n\n".join(p for p in lines if p)


def extract(html):
    try:
        return to_text(Document(html).summary(html_partial=True))
    except Exception:
        return ""  # a crash counts as empty output, as in the benchmarks


def main():
    manifest = json.load(open(sys.argv[1], encoding="utf-8"))
    pages = [(p["id"], open(p["path"], encoding="utf-8").read()) for p in manifest["pages"]]
    for _, html in pages[: manifest.get("warmup", 0)]:
        extract(html)
    outputs = {}
    start = time.perf_counter()
    for pid, html in pages:
        outputs[pid] = extract(html)
    seconds = time.perf_counter() - start
    rate = len(pages) / seconds if seconds > 0 else 0.0
    json.dump({"peer": "readability-lxml", "version": VERSION, "pages": len(pages), "seconds": seconds,
               "pages_per_s": rate, "outputs": outputs}, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
    print(f"readability-lxml {VERSION}: {len(pages)} pages in {seconds:.1f} s = {rate:.1f} pages/s")


if __name__ == "__main__":
    main()
