#!/usr/bin/env python3
"""Turns transcribed excerpts into the builder's batches, labels taken from the committed manifest.

Input: $CACHE/raw/*.txt, blocks of
    ### <url>
    <the excerpt as the `pages` corpus returned it, whole>
Each excerpt is cut to the manifest's `chars` (the committed cut) and written, with the
manifest's labels, to $CACHE/batches/q<query>.txt. Prints how many texts hash as committed.
Then run build_manifest.py (which re-hashes changed passages; labels are unchanged).
"""
import hashlib, json, os, sys, glob, collections

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.environ.get("RECOUPE_REAL_NEWS", "/work/cache/recoupe/real-news")

def main():
    manifest = {}
    order = []
    for line in open(os.path.join(HERE, "manifest.jsonl"), encoding="utf-8"):
        rec = json.loads(line)
        manifest[rec["url"]] = rec
        order.append(rec["url"])
    found = {}
    for path in sorted(glob.glob(os.path.join(CACHE, "raw", "*.txt"))):
        raw = open(path, encoding="utf-8").read()
        for block in raw.split("\n### "):
            block = block[4:] if block.startswith("### ") else block
            if not block.strip():
                continue
            url, _, text = block.partition("\n")
            url = url.strip()
            if url not in manifest:
                print(f"{path}: {url} is not in the manifest: skipped", file=sys.stderr)
                continue
            found.setdefault(url, text)
    batches = collections.defaultdict(list)
    same = 0
    for url in order:
        if url not in found:
            print(f"missing: {url}", file=sys.stderr)
            continue
        rec = manifest[url]
        text = found[url].strip()
        if len(text) + 1 > rec["chars"]:
            text = text[: rec["chars"] - 1].rstrip()
        body = text + "\n"
        if hashlib.sha256(body.encode("utf-8")).hexdigest() == rec["sha256"]:
            same += 1
        date = rec["date"] or "-"
        batches[rec["query"]].append(
            f"### {url}\ns={rec['story']} l={rec['lang']} d={date} q={rec['query']}\n{body}"
        )
    os.makedirs(os.path.join(CACHE, "batches"), exist_ok=True)
    for query, blocks in batches.items():
        with open(os.path.join(CACHE, "batches", f"q{int(query):03}.txt"), "w", encoding="utf-8") as f:
            f.write("".join(blocks))
    print(f"{len(found)} of {len(order)} manifest urls transcribed, {same} byte-identical to the committed hash")

if __name__ == "__main__":
    main()
