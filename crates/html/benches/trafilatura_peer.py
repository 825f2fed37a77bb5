#!/usr/bin/env python3
"""Peer run for the extraction bench: Python trafilatura on the same pages.

Usage: trafilatura_peer.py <pages.tsv> <runs>
<pages.tsv> lists one page a line: `<id>\t<path of the page, UTF-8, gzip>`.
Prints one JSON object on stdout: {"version", "seconds": [per run], "outputs": {id: text}}.
Pages are decompressed before timing so only extraction is measured, as on the Rust side.
"""
import gzip
import json
import sys
import time

import trafilatura


def main():
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    pages = []
    with open(sys.argv[1], encoding="utf8") as listing:
        for line in listing:
            item_id, path = line.rstrip("\n").split("\t")
            with gzip.open(path, "rt", encoding="utf8", errors="replace") as handle:
                pages.append((item_id, handle.read()))
    seconds = []
    outputs = {}
    for _ in range(runs):
        start = time.perf_counter()
        for item_id, html in pages:
            try:
                outputs[item_id] = trafilatura.extract(html, include_comments=False) or ""
            except Exception:  # a crash on one page is an empty output, as for a failed extraction
                outputs[item_id] = ""
        seconds.append(time.perf_counter() - start)
    print(json.dumps({"version": trafilatura.__version__, "seconds": seconds, "outputs": outputs}))


if __name__ == "__main__":
    main()
