#!/usr/bin/env python3
"""Scores reported disagreements against the real-news gold set.

usage: score.py GOLD.jsonl SYSTEM.jsonl [--articles] [--split dev|test]
SYSTEM is the output of `cargo run -p recoupe-dossier --example real_news_dossier`.
Articles are named either by the first 12 hex digits of their sha256
(real_news.jsonl) or by their corpus key (`wikinewssum/12/0`,
`ecbplus/1_1ecb.xml`: public_news.jsonl); a name of either kind is compared
with names of the same kind. With --articles a side only carries a gold value
when it also cites an article the gold value names (when both name articles of
one kind): a right number from the wrong article (another event of the story)
does not count.
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


CHECK_ARTICLES = "--articles" in sys.argv
# --split dev scores one split only (tune on dev without seeing test).
SPLITS = [sys.argv[sys.argv.index("--split") + 1]] if "--split" in sys.argv else ["dev", "test"]
args = [a for k, a in enumerate(sys.argv[1:], 1) if not a.startswith("--") and sys.argv[k - 1] != "--split"]


def article_name(name):
    """Either a 12-hex sha256 prefix or a corpus key; a longer sha is cut."""
    if re.fullmatch(r"[0-9a-f]{12,64}", name):
        return ("sha", name[:12])
    return ("doc", name)


def same_article(side, value):
    if not CHECK_ARTICLES:
        return True
    mine = {article_name(a) for a in side.get("articles", [])}
    theirs = {article_name(a) for a in value.get("articles", [])}
    kinds = {k for k, _ in mine} & {k for k, _ in theirs}
    if not kinds:
        return True
    return bool(mine & theirs)


def right(reported, gold_item):
    hits = set()
    for side in reported["sides"]:
        n = number(side["value"])
        for k, v in enumerate(gold_item["values"]):
            if not same_article(side, v):
                continue
            g = v.get("number")
            if g is not None and n is not None and abs(n - g) <= 0.01 * max(abs(g), 1):
                hits.add(k)
            elif g is None and v["value"] == side["value"]:
                hits.add(k)
            elif v.get("date") and side["value"].startswith(v["date"]):
                # A gold date written as in the text carries its ISO day.
                hits.add(k)
    return len(hits) >= 2

# Slot names of one family: the gold names what is measured (`amount`,
# `percent`), the dossier names the figure kind it found (`investment`,
# `trade_volume`, `percentage`, `share_of_capital`).
FAMILIES = {
    "investment": "amount", "trade_volume": "amount", "savings": "amount",
    "percentage": "percent", "share_of_capital": "percent", "access_rate": "percent",
}


def family(slot):
    if slot.endswith(".count") or slot == "count":
        return "count"
    # `attack.date` and a gold `date`: the gold of the public corpora names
    # the measure, not the event kind (real_news' `attack.time` → `time`).
    kind, _, what = slot.rpartition(".")
    if kind and what in ("date", "time", "start", "end", "duration") and not kind.startswith("casualties"):
        return what
    return FAMILIES.get(slot, slot)

gold = [json.loads(l) for l in open(args[0])]
system = [json.loads(l) for l in open(args[1])]
stories = {g["story"]: g["split"] for g in gold}
for split in SPLITS:
    g = [x for x in gold if x["split"] == split and x["type"] == "disagreement"]
    s = [x for x in system if stories.get(x["story"]) == split]
    # Several gold disagreements may share a story and slot family (two share
    # prices, two counts): a reported one is right when it matches any of them,
    # and recall counts the gold items matched.
    by_key = collections.defaultdict(list)
    for k, x in enumerate(g):
        by_key[(x["story"], family(x["slot"]))].append(k)
    found = set()
    tp, fp = [], []
    for x in s:
        hits = [k for k in by_key.get((x["story"], family(x["slot"])), []) if right(x, g[k])]
        (tp if hits else fp).append(x)
        found.update(hits)
    n_st = len({x["story"] for x in gold if x["split"] == split})
    p = len(tp) / len(s) if s else float("nan")
    r = len(found) / len(g) if g else float("nan")
    print(f"{split}: {n_st} stories, gold {len(g)}, reported {len(s)}, right {len(tp)}, "
          f"precision {p:.2f}, recall {r:.2f}")
    for x in fp:
        vals = " vs ".join(f"{sd['value']} {sd['articles']}" for sd in x["sides"])
        print(f"  false alarm: {x['story']} {x['slot']} ({x['subject']}): {vals}")
    for k, x in enumerate(g):
        if k not in found:
            print(f"  missed: {x['story']} {x['slot']} ({x['what'][:70]})")
