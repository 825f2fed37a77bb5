#!/usr/bin/env python3
"""Rebuilds the public-news cache (texts/<sha256>.txt) from the fetched mirrors and
writes (or checks) manifest.jsonl. Python 3 standard library only.

    python3 corpora/public-news/build.py           # write texts and manifest.jsonl
    python3 corpora/public-news/build.py --check   # rebuild texts, compare with the committed manifest

Sources (fetched with the `fetch` tool, read with git, no work tree):
  * WikinewsSum: github:airKlizz/WikinewsSum at commit WNS_COMMIT, file cleaned_endataset.json
    (mirror /work/.mirror/airKlizz+WikinewsSum/repo). Labels: labels.tsv in this folder.
  * ECB+: github:cltl/ecbPlus, file ECB+_LREC2014/ECB+.zip (mirror /work/.mirror/cltl+ecbPlus/repo).
    Included only when the zip's blob is present in the mirror (it was absent on the machine
    this corpus was built on: the snapshot lists the file but leaves large files out). With
    --with-ecbplus the ECB+ texts are added with story ids from the file names
    (ecb-<topic>-<ecb|ecbplus>), split by topic; their labels are unchecked (see README).

Texts stay in the cache ($RECOUPE_PUBLIC_NEWS, default /work/cache/recoupe/public-news),
never in the repository. The split is fixed by story id before any measurement:
dev when the first byte of sha256(story id) is even (ECB+: sha256("ecb-<topic>")).
"""
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

HERE = os.path.dirname(os.path.abspath(__file__))
CACHE = os.environ.get("RECOUPE_PUBLIC_NEWS", "/work/cache/recoupe/public-news")
MIRRORS = os.environ.get("RECOUPE_MIRRORS", "/work/.mirror")
WNS_REPO = os.path.join(MIRRORS, "airKlizz+WikinewsSum", "repo")
WNS_COMMIT = "1d985031625909c908766812e8a18d0c88116ec8"
ECB_REPO = os.path.join(MIRRORS, "cltl+ecbPlus", "repo")
ECB_COMMIT = "3aa071e12fd08fc0705b16bb1841e7a9c5c22420"
ESC_REPO = os.path.join(MIRRORS, "tommasoc80+EventStoryLine", "repo")
ESC_COMMIT = "46edefee5e82e0917b823abe0a18bf8c7770f15c"
FIELDS = ["url", "outlet", "lang", "date", "story", "copy_group", "copy_kind",
          "sha256", "chars", "query", "split", "doc"]


def split_of(key):
    return "dev" if hashlib.sha256(key.encode()).digest()[0] % 2 == 0 else "test"


def slug(title, limit=40):
    s = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return s[:limit].strip("-")


def outlet_of(url):
    # An archived copy (web.archive.org/web/<stamp>/<url>) is the archived outlet's page.
    m = re.match(r"https?://web\.archive\.org/web/\d+/(.*)", url)
    if m:
        url = m.group(1)
    host = urlparse(url).netloc.lower().split(":")[0]
    return host[4:] if host.startswith("www.") else host


def git_show(repo, rev_path):
    try:
        return subprocess.run(["git", "--git-dir", repo, "show", rev_path],
                              check=True, capture_output=True).stdout
    except (subprocess.CalledProcessError, FileNotFoundError) as e:
        err = getattr(e, "stderr", b"") or b""
        raise RuntimeError(f"git show {rev_path} in {repo}: {err.decode(errors='replace').strip() or e}")


def read_labels():
    labels = {}
    for n, line in enumerate(open(os.path.join(HERE, "labels.tsv"), encoding="utf-8"), 1):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) != 7:
            sys.exit(f"labels.tsv line {n}: {len(cols)} columns, 7 expected")
        doc, story, group, kind, lang, date, note = cols
        if doc in labels:
            sys.exit(f"labels.tsv line {n}: {doc} labelled twice")
        labels[doc] = dict(story=story, group=None if group == "-" else group,
                           kind=None if kind == "-" else kind,
                           lang=None if lang == "-" else lang,
                           date=None if date == "-" else date, note=note)
    return labels


def wikinewssum(stats):
    if not os.path.isdir(WNS_REPO):
        sys.exit(f"no mirror at {WNS_REPO}: run the fetch tool with github:airKlizz/WikinewsSum")
    raw = git_show(WNS_REPO, f"{WNS_COMMIT}:cleaned_endataset.json").decode("utf-8")
    rows = [json.loads(l) for l in raw.splitlines() if l.strip()]
    labels = read_labels()
    docs = {}
    for i, r in enumerate(rows):
        if not r["sources"]:
            stats["stories without sources"] += 1
            continue
        wn_url = "https://en.wikinews.org/wiki/" + r["title"].replace(" ", "_")
        docs[f"{i}/wn"] = (i, wn_url, "en", r["text"])
        for j, s in enumerate(r["sources"]):
            docs[f"{i}/{j}"] = (i, s["url"], s["language"], s["maintext"] or "")
    unlabelled = sorted(set(docs) - set(labels), key=lambda d: [int(x) if x.isdigit() else 10**6 for x in d.split("/")])
    unknown = sorted(set(labels) - set(docs))
    if unlabelled or unknown:
        sys.exit(f"labels.tsv out of step with the data: unlabelled {unlabelled}, unknown {unknown}")
    wn_id = {i: "wn-" + slug(r["title"]) for i, r in enumerate(rows)}
    out = []
    order = sorted(docs, key=lambda d: (docs[d][0], -1 if d.endswith("/wn") else int(d.split("/")[1])))
    for doc in order:
        i, url, lang, text = docs[doc]
        lab = labels[doc]
        story = lab["story"]
        if story == "junk":
            stats["junk (left out)"] += 1
            continue
        if story == "dup":
            other = docs.get(lab["note"])
            if other is None or other[3] != text:
                sys.exit(f"{doc}: labelled dup of {lab['note']} but the texts differ")
            stats["byte-identical duplicates (left out)"] += 1
            continue
        if story == "WN":
            story = wn_id[i]
        elif story.startswith("WN@"):
            story = wn_id[int(story[3:])]
        text = text.strip() + "\n"
        out.append(dict(url=url, outlet="wikinews" if doc.endswith("/wn") else outlet_of(url),
                        lang=lab["lang"] or lang, date=lab["date"], story=story,
                        copy_group=lab["group"], copy_kind=lab["kind"], text=text,
                        query="wikinewssum", split=split_of(story), doc=f"wikinewssum/{doc}"))
    return out


# ECB+ texts are tokenised (one <token> per word, PTB quotes); these rules make them readable:
# no space before closing punctuation and clitics, none after opening brackets, quotes paired,
# hyphens and digit separators glued, URL lines (often the first line) without spaces.
NO_SPACE_BEFORE = re.compile(r"^([,.;:!?%)\]}]|\.\.\.|'s|'S|n't|N'T|'re|'ve|'ll|'d|'m|'|\u2019s|\u2019|n\u2019t|-)$")
NO_SPACE_AFTER = {"(", "[", "{", "$", "#", "-"}
OPEN_QUOTES = {"``", "\u201c"}
CLOSE_QUOTES = {"''", "\u201d"}


def detokenise(tokens):
    """ECB+ tokens of one sentence -> readable text."""
    out = ""
    quote_open = False
    prev = ""
    for tok in tokens:
        if tok in OPEN_QUOTES or (tok == '"' and not quote_open):
            out += ("" if not out or prev in NO_SPACE_AFTER else " ") + '"'
            quote_open, prev = True, "("
            continue
        if tok in CLOSE_QUOTES or (tok == '"' and quote_open):
            out += '"'
            quote_open, prev = False, '"'
            continue
        glue = (not out or NO_SPACE_BEFORE.match(tok) or prev in NO_SPACE_AFTER
                or (prev in {"'", "\u2019"} and tok in {"s", "t", "re", "ll", "ve", "d", "m"})
                or (prev in {"/", ":"} and tok[:1].isdigit() and out[-2:-1].isdigit())
                or (tok == "/" and out[-1:].isdigit())
                # ECB+ tokenises figures apart (`4 . 6`, `1 , 000`): a decimal point
                # between digits and a thousands comma before three digits are glued.
                or (prev == "." and tok[:1].isdigit() and out[-2:-1].isdigit())
                or (prev == "," and re.fullmatch(r"\d{3}", tok) is not None
                    and re.search(r"(?<![\d,])\d{1,3}(,\d{3})*,$", out) is not None))
        out += ("" if glue else " ") + tok
        prev = tok
    if re.match(r"https?\s*:", out):
        out = re.sub(r"\s+", "", out)
    return out


MONTHS = {m: n for n, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
                                       "oct", "nov", "dec"], 1)}
MONTH = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATE_PATTERNS = [
    (re.compile(MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.I), ("m", "d", "y")),
    (re.compile(r"\b(\d{1,2})\s+" + MONTH + r",?\s+((?:19|20)\d\d)\b", re.I), ("d", "m", "y")),
    (re.compile(r"\b((?:19|20)\d\d)[-/](\d\d)[-/](\d\d)\b"), ("y", "mn", "d")),
    (re.compile(r"/((?:19|20)\d\d)/(\d\d)/(\d\d)/"), ("y", "mn", "d")),
    (re.compile(r"/((?:19|20)\d\d)/" + MONTH + r"/(\d\d)/", re.I), ("y", "m", "d")),
]


def date_in(lines):
    """The publication day when the page's first lines (URL, date line) state it, else None."""
    head = "\n".join(lines[:4])
    for rx, order in DATE_PATTERNS:
        m = rx.search(head)
        if not m:
            continue
        parts = dict(zip(order, m.groups()))
        month = int(parts["mn"]) if "mn" in parts else MONTHS.get(parts["m"][:3].lower())
        day, year = int(parts["d"]), int(parts["y"])
        if month and 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def ecb_files():
    """(file name, XML bytes) of the 982 ECB+ texts: from the cltl/ecbPlus zip when its blob is in
    the mirror, else from the unpacked copy of the same release in tommasoc80/EventStoryLine
    (same ECB+.zip blob id, same LICENSEDATA.TXT)."""
    try:
        blob = git_show(ECB_REPO, f"{ECB_COMMIT}:ECB+_LREC2014/ECB+.zip")
        with zipfile.ZipFile(io.BytesIO(blob)) as z:
            return [(n.rsplit("/", 1)[-1], z.read(n)) for n in z.namelist() if n.endswith(".xml")]
    except (RuntimeError, zipfile.BadZipFile) as e:
        print(f"ECB+ zip not readable ({e}); using {ESC_REPO}", file=sys.stderr)
    if not os.path.isdir(ESC_REPO):
        sys.exit(f"no ECB+ texts: run the fetch tool with github:cltl/ecbPlus or github:tommasoc80/EventStoryLine")
    listing = subprocess.run(["git", "--git-dir", ESC_REPO, "ls-tree", "-r", ESC_COMMIT, "ECB+_LREC2014/ECB+/"],
                             check=True, capture_output=True, text=True).stdout
    entries = [(l.split("\t", 1)[1], l.split()[2]) for l in listing.splitlines() if l.endswith(".xml")]
    batch = subprocess.run(["git", "--git-dir", ESC_REPO, "cat-file", "--batch"],
                           input="".join(sha + "\n" for _, sha in entries).encode(),
                           check=True, capture_output=True).stdout
    files, pos = [], 0
    for path, _ in entries:
        header_end = batch.index(b"\n", pos)
        size = int(batch[pos:header_end].split()[2])
        files.append((path.rsplit("/", 1)[-1], batch[header_end + 1:header_end + 1 + size]))
        pos = header_end + 1 + size + 1
    return files


def ecb_text(xml_bytes):
    root = ET.fromstring(xml_bytes)
    sentences = {}
    for tok in root.iter("token"):
        sentences.setdefault(int(tok.get("sentence", "0")), []).append(tok.text or "")
    lines = [detokenise(toks) for _, toks in sorted(sentences.items())]
    return [l for l in lines if l.strip()]


def ecbplus(stats):
    labels = read_ecb_labels()
    out = []
    for fname, xml_bytes in sorted(ecb_files()):
        m = re.fullmatch(r"(\d+)_(\d+)(ecb|ecbplus)\.xml", fname)
        if not m:
            continue
        topic, sub = m.group(1), m.group(3)
        lines = ecb_text(xml_bytes)
        text = "\n".join(lines).strip() + "\n"
        first = lines[0].strip() if lines else ""
        outlet = outlet_of(first) if re.match(r"https?://\S+$", first) else "ecbplus"
        lab = labels.get(fname, {})
        story = lab.get("story") or f"ecb-{topic}-{sub}"
        if story == "junk":
            stats["ECB+ junk (left out)"] = stats.get("ECB+ junk (left out)", 0) + 1
            continue
        date = lab.get("date") or date_in(lines)
        out.append(dict(url=f"ecbplus:{fname}", outlet=outlet, lang="en", date=date,
                        story=story, copy_group=lab.get("group"), copy_kind=lab.get("kind"),
                        text=text, query="ecbplus", split=split_of(f"ecb-{topic}"),
                        doc=f"ecbplus/{fname}"))
    return out


def read_ecb_labels():
    """ecbplus-labels.tsv: file, story ('-' = ecb-<topic>-<sub>), copy group, kind, date, note."""
    labels = {}
    path = os.path.join(HERE, "ecbplus-labels.tsv")
    if not os.path.exists(path):
        return labels
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) != 6:
            sys.exit(f"ecbplus-labels.tsv line {n}: {len(cols)} columns, 6 expected")
        fname, story, group, kind, date, _note = cols
        labels[fname] = dict(story=None if story == "-" else story, group=None if group == "-" else group,
                             kind=None if kind == "-" else kind, date=None if date == "-" else date)
    return labels


def main():
    check = "--check" in sys.argv
    stats = {"stories without sources": 0, "junk (left out)": 0,
             "byte-identical duplicates (left out)": 0}
    recs = wikinewssum(stats)
    if "--no-ecbplus" not in sys.argv:
        recs += ecbplus(stats)
    os.makedirs(os.path.join(CACHE, "texts"), exist_ok=True)
    rows, seen = [], {}
    for r in recs:
        text = r.pop("text")
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if sha in seen:
            sys.exit(f"{r['doc']}: same text as {seen[sha]} (label it dup)")
        seen[sha] = r["doc"]
        with open(os.path.join(CACHE, "texts", sha + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
        r.update(sha256=sha, chars=len(text))
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
        stories = {r["story"] for r in part}
        langs = sorted({r["lang"] for r in part})
        print(f"{split}: {len(part)} articles, {len(stories)} stories, languages {langs}")
    print(f"total: {len(rows)} articles, {len({r['story'] for r in rows})} stories")


if __name__ == "__main__":
    main()
