#!/usr/bin/env python3
"""Rebuild the SemEval-2022 Task 8 pairs (with texts) in the cache from a
mirror of the HFL team's public repository, and (with --manifest) the
committed manifest, which holds no text.

    python3 corpora/semeval2022/build.py [--mirror GIT_DIR] [--out DIR] [--manifest]

The mirror is a bare git directory of github.com/GeekDream-x/SemEval2022-Task8-TonyX
(Apache-2.0), read at the pinned commit with `git show`. Its data/training_set.csv and
data/testing_set.csv hold 2,566 rows (2,432 distinct pairs) of the official train
set: the scraped title + text of each article cut to its first 200 and last 56
XLM-R tokens ("head-tail"), the six gold dimensions and Overall (1 = same story,
4 = unrelated). Pair ids with a language suffix (e.g. 1484008155es_1483984703)
are the team's machine-translated augmentations: kept, with origin "mt".

Output: OUT/pairs.jsonl, one pair a line, with text1/text2; and with
--manifest, corpora/semeval2022/manifest.jsonl (pair_id, langs, gold, origin,
split, sha256 of each text). Split: dev when the first byte of
sha256(base pair id) is even, else test (translations follow their pair).
"""
import argparse
import csv
import hashlib
import io
import json
import os
import re
import subprocess
import sys

REPO = "GeekDream-x/SemEval2022-Task8-TonyX"
COMMIT = "4281dc9eda053d6e1fc55185fca3d559d1cd294c"
FILES = ["data/training_set.csv", "data/testing_set.csv"]
HERE = os.path.dirname(os.path.abspath(__file__))


def sha(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mirror", default="/work/.mirror/GeekDream-x+SemEval2022-Task8-TonyX/repo")
    ap.add_argument("--out", default=os.environ.get("RECOUPE_SEMEVAL", "/work/cache/recoupe/semeval2022"))
    ap.add_argument("--manifest", action="store_true", help="also write the committed manifest")
    args = ap.parse_args()
    csv.field_size_limit(1 << 30)
    pairs = {}
    conflicts = 0
    for name in FILES:
        raw = subprocess.run(
            ["git", "--git-dir", args.mirror, "show", f"{COMMIT}:{name}"], capture_output=True, check=True
        ).stdout.decode("utf-8")
        for row in csv.DictReader(io.StringIO(raw)):
            pid = row["pair_id"].strip()
            m = re.fullmatch(r"(\d+)([a-z]{2})?_(\d+)([a-z]{2})?", pid)
            if not m:
                print(f"skipped pair id {pid!r}", file=sys.stderr)
                continue
            base = f"{m.group(1)}_{m.group(3)}"
            entry = {
                "pair_id": pid,
                "base_pair_id": base,
                "lang1": row["lang1"],
                "lang2": row["lang2"],
                "overall": float(row["Overall"]),
                "origin": "mt" if (m.group(2) or m.group(4)) else "original",
                "split": "dev" if int(hashlib.sha256(base.encode()).hexdigest()[:2], 16) % 2 == 0 else "test",
                "source_file": name,
                "text1": row["text1"].strip(),
                "text2": row["text2"].strip(),
            }
            if pid in pairs:
                old = pairs[pid]
                if (old["text1"], old["text2"], old["overall"]) != (entry["text1"], entry["text2"], entry["overall"]):
                    conflicts += 1
                continue
            pairs[pid] = entry
    os.makedirs(args.out, exist_ok=True)
    ordered = sorted(pairs.values(), key=lambda e: e["pair_id"])
    with open(os.path.join(args.out, "pairs.jsonl"), "w", encoding="utf-8") as f:
        for e in ordered:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
    if args.manifest:
        with open(os.path.join(HERE, "manifest.jsonl"), "w", encoding="utf-8") as f:
            for e in ordered:
                m = {k: v for k, v in e.items() if k not in ("text1", "text2")}
                m["sha256_1"] = sha(e["text1"])
                m["sha256_2"] = sha(e["text2"])
                f.write(json.dumps(m, ensure_ascii=False) + "\n")
    print(f"{len(ordered)} pairs ({conflicts} duplicate ids with differing content kept first) -> {args.out}/pairs.jsonl")


if __name__ == "__main__":
    main()
