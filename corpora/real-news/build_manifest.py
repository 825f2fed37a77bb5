#!/usr/bin/env python3
"""Builds the real-news cache (texts/<sha256>.txt) and manifest.jsonl from the
transcribed batches in $CACHE/batches/*.txt and the labels in this folder.

Batch format (text stays in the cache, never in the repository):
    ### <url>
    s=<story> l=<lang> d=<YYYY-MM-DD or -> q=<query id>
    <excerpt text, any number of lines>
Copy labels: copies.tsv in this folder, `url<TAB>copy_group<TAB>kind`.
The dev/test split is fixed by story id: sha256(story id) first byte even -> dev.
"""
import hashlib, json, os, re, sys, glob
from urllib.parse import urlparse

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.environ.get("RECOUPE_REAL_NEWS", "/work/cache/recoupe/real-news")

def split_of(story):
    return "dev" if hashlib.sha256(story.encode()).digest()[0] % 2 == 0 else "test"

def outlet_of(url):
    host = urlparse(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host

def main():
    recs, seen = [], {}
    for path in sorted(glob.glob(os.path.join(CACHE, "batches", "*.txt"))):
        with open(path, encoding="utf-8") as f:
            raw = f.read()
        for block in raw.split("\n### ")[0:]:
            block = block[4:] if block.startswith("### ") else block
            if not block.strip():
                continue
            lines = block.split("\n")
            url = lines[0].strip()
            meta = dict(kv.split("=", 1) for kv in lines[1].split())
            text = "\n".join(lines[2:]).strip() + "\n"
            if url in seen:
                print(f"duplicate url {url} in {path}: first kept", file=sys.stderr)
                continue
            seen[url] = True
            recs.append((url, meta, text))
    copies = {}
    cp = os.path.join(HERE, "copies.tsv")
    if os.path.exists(cp):
        for line in open(cp, encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            url, group, kind = line.rstrip("\n").split("\t")
            copies[url] = (group, kind)
    os.makedirs(os.path.join(CACHE, "texts"), exist_ok=True)
    out = []
    for url, meta, text in recs:
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        with open(os.path.join(CACHE, "texts", sha + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
        group, kind = copies.get(url, (None, None))
        d = meta.get("d", "-")
        out.append({
            "url": url, "outlet": outlet_of(url), "lang": meta["l"],
            "date": None if d == "-" else d, "story": meta["s"],
            "copy_group": group, "copy_kind": kind, "sha256": sha,
            "chars": len(text), "query": meta.get("q"), "split": split_of(meta["s"]),
        })
    missing = set(copies) - seen.keys()
    for m in sorted(missing):
        print(f"copies.tsv names an unknown url: {m}", file=sys.stderr)
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out)
    for dest in (os.path.join(HERE, "manifest.jsonl"), os.path.join(CACHE, "manifest.jsonl")):
        with open(dest, "w", encoding="utf-8") as f:
            f.write(body)
    stories = {r["story"] for r in out}
    langs = {r["lang"] for r in out}
    print(f"{len(out)} articles, {len(stories)} stories, {len(langs)} languages: {sorted(langs)}")

if __name__ == "__main__":
    main()
