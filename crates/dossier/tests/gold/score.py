#!/usr/bin/env python3
"""Scores reported disagreements against the real-news gold set.

usage: score.py GOLD.jsonl SYSTEM.jsonl
SYSTEM is the output of `cargo run -p recoupe-dossier --example real_news_dossier`.
A reported disagreement is right when its story has a gold disagreement of the
same slot family (`casualties.dead`; `count` matches any `<event>.count`;
`<kind>.date`, `.start`, `.end`, `.duration` match a gold slot of that name)
and at least two of its sides carry two different gold values of it (numbers
within 1 %, dates as written): a dispute between wrong values is a false alarm.
Precision and recall are over disagreements, per split; every false alarm is
listed."""
import collections, json, re, sys


def number(text):
    m = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    if not m:
        return None
    try:
        return float(m.group(0).replace(",", ""))
    except ValueError:
        return None


def right(reported, gold_item):
    hits = set()
    for side in reported["sides"]:
        n = number(side["value"])
        for k, v in enumerate(gold_item["values"]):
            g = v.get("number")
            if g is not None and n is not None and abs(n - g) <= 0.01 * max(abs(g), 1):
                hits.add(k)
            elif g is None and v["value"] == side["value"]:
                hits.add(k)
    return len(hits) >= 2

def family(slot):
    return "count" if slot.endswith(".count") or slot == "count" else slot

gold = [json.loads(l) for l in open(sys.argv[1])]
system = [json.loads(l) for l in open(sys.argv[2])]
stories = {g["story"]: g["split"] for g in gold}
for split in ["dev", "test"]:
    g = [x for x in gold if x["split"] == split and x["type"] == "disagreement"]
    s = [x for x in system if stories.get(x["story"]) == split]
    gkeys = {(x["story"], family(x["slot"])) for x in g}
    by_key = {(x["story"], family(x["slot"])): x for x in g}
    ok = lambda x: (x["story"], family(x["slot"])) in by_key and right(x, by_key[(x["story"], family(x["slot"]))])
    tp = [x for x in s if ok(x)]
    fp = [x for x in s if not ok(x)]
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
