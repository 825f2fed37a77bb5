#!/usr/bin/env python3
"""Peer run for the extraction bench: Python trafilatura on the same pages.

Usage: trafilatura_peer.py <scrapinghub dir> <runs>
Prints one JSON object on stdout: {"version", "seconds": [per run], "outputs": {id: text}}.
Pages are decompressed before timing so only extraction is measured, as on the Rust side.
"""
import gzip
import json
import sys
import time
from pathlib import Path

import trafilatura


def main():
    root = Path(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    pages = []
    for path in sorted((root / "html").glob("*.html.gz")):
        with gzip.open(path, "rt", encoding="utf8") as handle:
            pages.append((path.name.split(".")[0], handle.read()))
    seconds = []
    outputs = {}
    for _ in range(runs):
        start = time.perf_counter()
        for item_id, html in pages:
            outputs[item_id] = trafilatura.extract(html, include_comments=False) or ""
        seconds.append(time.perf_counter() - start)
    print(json.dumps({"version": trafilatura.__version__, "seconds": seconds, "outputs": outputs}))


if __name__ == "__main__":
    main()
