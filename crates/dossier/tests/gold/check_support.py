#!/usr/bin/env python3
"""Checks the support counts of claims written by the real_news runner.

usage: check_support.py CLAIMS.jsonl MANIFEST.jsonl [--sample N --seed S]

For every claim: (1) each listed source has at least one evidence sentence of
its own; (2) the independent-outlet count equals the number of distinct
outlets among the sources (outlet from the manifest; members of one copy
group of the manifest count once). Prints the totals, every mismatch, and a
random sample of N claims with each supporting sentence, for reading."""
import json, random, sys

claims = [json.loads(l) for l in open(sys.argv[1])]
manifest = {}
for l in open(sys.argv[2]):
    r = json.loads(l)
    manifest[r["sha256"][:12]] = r
    # Public corpora name articles by their corpus key (`wikinewssum/12/0`).
    if r.get("doc"):
        manifest[r["doc"]] = r
n = int(sys.argv[sys.argv.index("--sample") + 1]) if "--sample" in sys.argv else 0
seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 12
bad_sources = bad_count = 0
for c in claims:
    srcs = {s["number"] for s in c["sources"]}
    with_evidence = {e["source"] for e in c["evidence"]}
    if srcs - with_evidence:
        bad_sources += 1
        print(f"no own sentence: {c['story']} {c['id']} {c['label'][:80]} sources {sorted(srcs - with_evidence)}")
    outlets = set()
    for s in c["sources"]:
        m = manifest.get(s["article"] or "", {})
        outlets.add(m.get("copy_group") or m.get("outlet") or s["outlet"] or s["article"])
    if len(outlets) != c["independent_outlets"]:
        bad_count += 1
        print(f"count {c['independent_outlets']} vs {len(outlets)} outlets: {c['story']} {c['id']} {c['label'][:80]}")
print(f"{len(claims)} claims; sources without an own sentence: {bad_sources}; outlet count differs: {bad_count}")
if n:
    random.seed(seed)
    for c in random.sample(claims, min(n, len(claims))):
        print(f"\n## {c['story']} {c['id']} [{c['independent_outlets']} outlets] {c['label'][:140]}")
        for e in c["evidence"]:
            print(f"  [{e['source']}] `{e['text'][:40]}` :: {e['sentence'][:160]}")
