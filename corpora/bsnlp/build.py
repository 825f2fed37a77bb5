#!/usr/bin/env python3
"""Rebuilds the bsnlp cache (texts/<sha256>.txt) from the fetched BSNLP-2021 mirror and
writes (or checks) manifest.jsonl. Python 3 standard library only.

    python3 corpora/bsnlp/build.py           # write texts and manifest.jsonl
    python3 corpora/bsnlp/build.py --check   # rebuild texts, compare with the committed manifest

Source (fetched with the `fetch` tool, read with git, no work tree):
github:UL-FRI-Zitnik/BSNLP-2021-Shared-Task at commit COMMIT, files
data/datasets/bsnlp/<topic>/raw/<lang>/*.txt: four header lines (doc id, language, date,
URL), then the title and the body. Mirror: /work/.mirror/UL-FRI-Zitnik+BSNLP-2021-Shared-Task/repo
(override the root with $RECOUPE_MIRRORS).

Texts stay in the cache ($RECOUPE_BSNLP, default /work/cache/recoupe/bsnlp), never in the
repository. Story = `bsnlp-<topic>`; the topic `other` (a mixed bag, not a story) is left out.
The split is fixed by topic before any measurement (SPLIT below); trump and us_election_2020
(same actors) are both in test. Each topic keeps at most CAP articles per language, the
first ones by sha256 of the text, so the choice is deterministic and independent of file names.
"""
import hashlib
import json
import os
import re
import subprocess
import sys
from urllib.parse import urlparse

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.environ.get("RECOUPE_BSNLP", "/work/cache/recoupe/bsnlp")
MIRRORS = os.environ.get("RECOUPE_MIRRORS", "/work/.mirror")
REPO = os.path.join(MIRRORS, "UL-FRI-Zitnik+BSNLP-2021-Shared-Task", "repo")
COMMIT = "5163242ff2e0b41d760afb3b9e9f4508f8dbaac6"
ROOT = "data/datasets/bsnlp/"
CAP = int(os.environ.get("BSNLP_CAP", "60"))
SPLIT = {
    "ryanair": "dev", "nord_stream": "dev", "asia_bibi": "dev", "covid-19": "dev",
    "brexit": "test", "ec": "test", "trump": "test", "us_election_2020": "test",
}
LANGS = {"bg", "pl", "cs", "ru", "sl", "uk", "hr", "sk"}
FIELDS = ["url", "outlet", "lang", "date", "story", "copy_group", "copy_kind",
          "sha256", "chars", "query", "split", "doc"]
# `<topic>_<lang>_extra.txt_file_<n>.txt`, `..._new.txt_file_<n>.txt`, `Nord_Stream_2_extra.xml_file_<n>.txt`: files added to the
# task's collection in a later batch. The survey suspected duplicates; build() checks it.
VARIANT = re.compile(r"_(extra|new)\.(txt|xml)_file_\d+\.txt$")


def outlet_of(url):
    host = urlparse(url).netloc.lower().split(":")[0]
    return host[4:] if host.startswith("www.") else host


def git(*args, data=None):
    try:
        return subprocess.run(["git", "--git-dir", REPO, *args], input=data,
                              check=True, capture_output=True).stdout
    except (subprocess.CalledProcessError, FileNotFoundError) as e:
        err = getattr(e, "stderr", b"") or b""
        sys.exit(f"git {' '.join(args)} in {REPO}: {err.decode(errors='replace').strip() or e}")


def raw_files():
    """(path, bytes) of every raw text, read in one `git cat-file --batch`."""
    if not os.path.isdir(REPO):
        sys.exit(f"no mirror at {REPO}: run the fetch tool with github:UL-FRI-Zitnik/BSNLP-2021-Shared-Task")
    listing = git("ls-tree", "-r", COMMIT, ROOT).decode("utf-8")
    entries = []
    for line in listing.splitlines():
        meta, path = line.split("\t", 1)
        parts = path[len(ROOT):].split("/")
        if len(parts) == 4 and parts[1] == "raw" and path.endswith(".txt"):
            entries.append((path, meta.split()[2]))
    batch = git("cat-file", "--batch", data="".join(sha + "\n" for _, sha in entries).encode())
    files, pos = [], 0
    for path, _ in entries:
        header_end = batch.index(b"\n", pos)
        size = int(batch[pos:header_end].split()[2])
        files.append((path, batch[header_end + 1:header_end + 1 + size]))
        pos = header_end + 1 + size + 1
    return files


def parse(raw):
    """Header (doc id, lang, date, URL), then the text: title line, then the body's lines."""
    lines = raw.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) < 5:
        return None
    doc_id, lang, date, url = (l.strip() for l in lines[:4])
    rest = [l.strip() for l in lines[4:] if l.strip()]
    if not rest:
        return None
    date = date if re.fullmatch(r"\d{4}-\d\d-\d\d", date) else (
        date[:10] if re.match(r"\d{4}-\d\d-\d\d[T ]", date) else None)
    return dict(doc_id=doc_id, lang=lang.lower(), date=date, url=url, text="\n".join(rest) + "\n")


def build(stats):
    recs = []
    for path, raw in raw_files():
        topic, _, lang, fname = path[len(ROOT):].split("/")
        if topic == "other":
            stats["topic other (left out)"] += 1
            continue
        if topic not in SPLIT:
            sys.exit(f"{path}: unknown topic {topic} (give it a split)")
        p = parse(raw)
        if p is None:
            stats["empty or headerless (left out)"] += 1
            continue
        if p["lang"] != lang:
            stats["header language differs from folder (folder kept)"] += 1
        p.update(topic=topic, lang=lang, fname=fname,
                 sha=hashlib.sha256(p["text"].encode("utf-8")).hexdigest())
        recs.append(p)
    # The `_extra`/`_new` note: a variant file is dropped only when a regular file of the
    # same topic and language has the same URL or the same text; otherwise it is kept.
    regular = {}
    for r in recs:
        if not VARIANT.search(r["fname"]):
            regular.setdefault((r["topic"], r["lang"]), set()).update({r["url"], r["sha"]})
    kept = []
    for r in recs:
        if VARIANT.search(r["fname"]):
            stats["_extra/_new files"] += 1
            if {r["url"], r["sha"]} & regular.get((r["topic"], r["lang"]), set()):
                stats["_extra/_new repeating a regular file (left out)"] += 1
                continue
        kept.append(r)
    # Exact duplicates (same text): the first by path stays. A text in two topics is ambiguous
    # and leaves both.
    by_sha = {}
    for r in sorted(kept, key=lambda r: (r["topic"], r["lang"], r["fname"])):
        by_sha.setdefault(r["sha"], []).append(r)
    unique = []
    for sha, group in by_sha.items():
        if len({r["topic"] for r in group}) > 1:
            stats["same text in two topics (all left out)"] += len(group)
            continue
        stats["exact duplicates (left out)"] += len(group) - 1
        unique.append(group[0])
    stats["after de-duplication"] = len(unique)
    # The cap: at most CAP articles per topic and language, the first by sha256.
    out, count = [], {}
    for r in sorted(unique, key=lambda r: (r["topic"], r["lang"], r["sha"])):
        key = (r["topic"], r["lang"])
        count[key] = count.get(key, 0) + 1
        if count[key] > CAP:
            stats[f"over the cap of {CAP} per topic and language (left out)"] += 1
            continue
        out.append(dict(url=r["url"], outlet=outlet_of(r["url"]), lang=r["lang"], date=r["date"],
                        story=f"bsnlp-{r['topic']}", copy_group=None, copy_kind=None,
                        sha256=r["sha"], chars=len(r["text"]), query="bsnlp-2021",
                        split=SPLIT[r["topic"]], doc=f"bsnlp/{r['topic']}/{r['lang']}/{r['fname']}",
                        text=r["text"]))
    return out


def main():
    check = "--check" in sys.argv
    stats = {k: 0 for k in ["topic other (left out)", "empty or headerless (left out)",
                            "header language differs from folder (folder kept)", "_extra/_new files",
                            "_extra/_new repeating a regular file (left out)",
                            "same text in two topics (all left out)", "exact duplicates (left out)",
                            "after de-duplication", f"over the cap of {CAP} per topic and language (left out)"]}
    recs = build(stats)
    os.makedirs(os.path.join(CACHE, "texts"), exist_ok=True)
    rows = []
    for r in recs:
        with open(os.path.join(CACHE, "texts", r["sha256"] + ".txt"), "w", encoding="utf-8") as f:
            f.write(r.pop("text"))
        rows.append({k: r[k] for k in FIELDS})
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    path = os.path.join(HERE, "manifest.jsonl")
    if check:
        committed = open(path, encoding="utf-8").read()
        if committed != body:
            old = {json.loads(l)["doc"]: l for l in committed.splitlines()}
            new = {json.loads(l)["doc"]: l for l in body.splitlines()}
            diff = [d for d in sorted(set(old) | set(new)) if old.get(d) != new.get(d)]
            sys.exit(f"manifest differs from the rebuild for {len(diff)} docs, e.g. {diff[:5]}")
        print("manifest.jsonl matches the rebuilt texts")
    else:
        for dest in (path, os.path.join(CACHE, "manifest.jsonl")):
            with open(dest, "w", encoding="utf-8") as f:
                f.write(body)
    for k, v in stats.items():
        print(f"{k}: {v}")
    for split in ("dev", "test"):
        part = [r for r in rows if r["split"] == split]
        langs = {}
        for r in part:
            langs[r["lang"]] = langs.get(r["lang"], 0) + 1
        stories = {}
        for r in part:
            stories[r["story"]] = stories.get(r["story"], 0) + 1
        print(f"{split}: {len(part)} articles; stories {dict(sorted(stories.items()))}; "
              f"languages {dict(sorted(langs.items()))}; dated {sum(1 for r in part if r['date'])}")
    print(f"total: {len(rows)} articles, {len({r['story'] for r in rows})} stories")


if __name__ == "__main__":
    main()
