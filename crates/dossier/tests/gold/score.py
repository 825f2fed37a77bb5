#!/usr/bin/env python3
"""Scores reported disagreements against the real-news gold set.

usage: score.py GOLD.jsonl SYSTEM.jsonl
SYSTEM is the output of `cargo run -p recoupe-dossier --example real_news`.
A reported disagreement is right when its story has a gold disagreement of the
same slot family (`casualties.dead`; `count` matches any `<event>.count`;
`<kind>.date`, `.start`, `.end`, `.duration` match a gold slot of that name).
Precision and recall are over disagreements, per split; every false alarm is
listed."""
import collections, json, sys

def family(slot):
    return "count" if slot.endswith(".count") or slot == "count" else slot

gold = [json.loads(l) for l in open(sys.argv[1])]
system = [json.loads(l) for l in open(sys.argv[2])]
stories = {g["story"]: g["split"] for g in gold}
for split in ["dev", "test"]:
    g = [x for x in gold if x["split"] == split and x["type"] == "disagreement"]
    s = [x for x in system if stories.get(x["story"]) == split]
    gkeys = {(x["story"], family(x["slot"])) for x in g}
    tp = [x for x in s if (x["story"], family(x["slot"])) in gkeys]
    fp = [x for x in s if (x["story"], family(x["slot"])) not in gkeys]
    found = {(x["story"], family(x["slot"])) for x in tp}
    n_st = len({x["story"] for x in gold if x["split"] == split})
    p = len(tp) / len(s) if s else float("nan")
    r = len(found) / len(gkeys) if gkeys else float("nan")
    print(f"{split}: {n_st} stories, gold {len(gkeys)}, reported {len(s)}, right {len(tp)}, "
          f"precision {p:.2f}, recall {r:.2f}")
    for x in fp:
        vals = " vs ".join(f"{sd['value']} {sd['articles']}" for sd in x["sides"])
        print(f"  false alarm: {x['story']} {x['slot']} ({x['subject']}): {vals}")
    for k in sorted(gkeys - found):
        print(f"  missed: {k[0]} {k[1]}")
