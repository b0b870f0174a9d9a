#!/usr/bin/env python3
"""Run trafilatura over dump files the way Benchmarks/extract.sh compares it.

Writes one <page>.txt body per input into OUT_DIR, so that score.py can read the
folder. HTML is handed over as the original bytes (trafilatura detects the charset
itself); a text dump is wrapped line by line in <p> elements, which is the fairest
HTML a text dump can become without inventing structure.

Usage: trafilatura_run.py {html|text} OUT_DIR FILE...
"""
import gzip
import html
import os
import sys

import trafilatura


def page_name(path):
    base = os.path.basename(path)
    for ext in (".gz", ".html", ".htm", ".txt"):
        if base.endswith(ext):
            base = base[: -len(ext)]
    return base


def read_bytes(path):
    with open(path, "rb") as handle:
        data = handle.read()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def as_paragraphs(data):
    text = data.decode("utf-8", errors="replace")
    lines = (html.escape(line.strip()) for line in text.splitlines())
    body = "".join("<p>%s</p>\n" % line for line in lines if line)
    return "<html><body>\n%s</body></html>" % body


def main():
    kind, out_dir, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(out_dir, exist_ok=True)
    for path in files:
        data = read_bytes(path)
        page = as_paragraphs(data) if kind == "text" else data
        body = trafilatura.extract(page) or ""
        with open(os.path.join(out_dir, page_name(path) + ".txt"), "w", encoding="utf-8") as handle:
            handle.write(body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
