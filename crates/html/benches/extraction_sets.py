#!/usr/bin/env python3
"""Rebuild the multi-source extraction dev/test set used by `benches/extraction.rs`.

The pages and their ground truth are other people's text: they live in a cache outside the
checkout, never in the repository. Only the manifest (source, id, sha256, split, language,
URL) is committed: `crates/html/benches/extraction_manifest.tsv`.

Usage:
    extraction_sets.py build  <mirrors dir> [<cache dir>]   # write pages + truth + manifest
    extraction_sets.py verify [<cache dir>]                 # check the cache against the manifest

<mirrors dir> holds bare git snapshots of the public repositories below, as the search tool's
`fetch` lays them out (`owner+name/repo`); a plain `git clone --bare` into the same names works.
<cache dir> defaults to /work/cache/recoupe/extraction/sets.

Sources (all public repositories; licences as their owners state them):
- readability: mozilla/readability `test/test-pages/*/{source,expected}.html` (Apache-2.0).
  Only real pages are kept (source.html of 8,000 bytes or more); the smaller ones are
  synthetic unit fixtures. Truth: text of expected.html (Readability's reviewed output).
- htmltotext: leogao2/htmltotext-benchmark `benchmarkdata/<lang>/{html,text}` (hand-made
  extractions, en/de/hr/zh).
- wceb: the 1,000-page "web content extraction benchmark" of 2026 (tiptopjaw /
  Murrough-Foley `release/html/*.html.gz` with `benchmark/ground-truth/*.json`,
  `main_content`; LLM-drafted, human-verified; Apache-2.0).

Split: a page is in `test` when the first 8 hex digits of sha256("<source>/<id>") are odd,
else in `dev`; fixed before any tuning, independent of content and of any system's score.
Pages are stored as UTF-8 (decoded once here: BOM, valid UTF-8, declared charset, else
windows-1252) so that every system reads the same string.
"""
import gzip
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "extraction_manifest.tsv"
DEFAULT_CACHE = Path("/work/cache/recoupe/extraction/sets")

BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
    "table", "blockquote", "pre", "section", "article", "header", "footer", "dd", "dt", "dl",
    "figcaption", "figure", "hr", "main", "aside", "nav", "form", "caption",
}


def split_of(source, page_id):
    digest = hashlib.sha256(f"{source}/{page_id}".encode()).hexdigest()
    return "test" if int(digest[:8], 16) % 2 else "dev"


def git(mirror, *args):
    return subprocess.run(["git", "--git-dir", str(mirror), *args], check=True,
                          capture_output=True).stdout


def decode(raw):
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", "replace")
    # Pages re-saved as UTF-8 often keep their old declaration (`<meta charset=gb2312>`
    # in Readability's fixtures): bytes that are valid UTF-8 are taken as UTF-8.
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    head = raw[:4096].decode("ascii", "ignore")
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", head, re.I)
    if match:
        try:
            return raw.decode(match.group(1), "replace")
        except LookupError:
            pass
    return raw.decode("cp1252", "replace")


def html_text(html):
    """Visible text of an HTML fragment, blocks on their own lines."""
    import lxml.html

    doc = lxml.html.fromstring(html)
    for element in doc.iter():
        if isinstance(element.tag, str) and element.tag.lower() in BLOCK:
            element.tail = "\n" + (element.tail or "")
    for element in doc.iter("script", "style"):
        element.text = ""
    text = doc.text_content()
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def readability(mirrors):
    mirror = mirrors / "mozilla+readability" / "repo"
    names = git(mirror, "ls-tree", "--name-only", "HEAD", "test/test-pages/").decode().split()
    for name in names:
        page_id = name.rsplit("/", 1)[-1]
        source = git(mirror, "show", f"HEAD:{name}/source.html")
        if len(source) < 8000:
            continue
        expected = git(mirror, "show", f"HEAD:{name}/expected.html")
        try:
            meta = json.loads(git(mirror, "show", f"HEAD:{name}/expected-metadata.json"))
        except (subprocess.CalledProcessError, json.JSONDecodeError):
            meta = {}
        yield page_id, "", (meta.get("lang") or "").lower()[:2], decode(source), html_text(
            decode(expected))


def htmltotext(mirrors):
    mirror = mirrors / "leogao2+htmltotext-benchmark" / "repo"
    names = git(mirror, "ls-tree", "-r", "--name-only", "HEAD", "benchmarkdata").decode().split("\n")
    for name in sorted(n for n in names if "/html/" in n and n.endswith(".html")):
        lang = name.split("/")[1]
        stem = name.rsplit("/", 1)[-1][: -len(".html")]
        text_path = f"benchmarkdata/{lang}/text/{stem}.txt"
        try:
            truth = git(mirror, "show", f"HEAD:{text_path}").decode("utf-8", "replace")
        except subprocess.CalledProcessError:
            continue
        html = decode(git(mirror, "show", f"HEAD:{name}"))
        yield f"{lang}-{stem}", "", lang, html, truth


def wceb(mirrors):
    mirror = mirrors / "tiptopjaw+web-content-extraction-benchmark" / "repo"
    names = git(mirror, "ls-tree", "-r", "--name-only", "HEAD", "release/html").decode().split()
    for name in sorted(names):
        file_name = name.rsplit("/", 1)[-1]
        page_id = file_name.split(".")[0]
        if file_name != f"{page_id}.html.gz":
            continue  # a stray copy (`0599.hml.html.gz`) beside the page
        try:
            record = json.loads(git(mirror, "show", f"HEAD:benchmark/ground-truth/{page_id}.json"))
        except subprocess.CalledProcessError:
            continue
        truth = (record.get("ground_truth") or {}).get("main_content") or ""
        if not truth.strip():
            continue
        html = decode(gzip.decompress(git(mirror, "show", f"HEAD:{name}")))
        match = re.search(r"<html[^>]*\blang=[\"']?([A-Za-z]{2})", html[:20000], re.I)
        yield page_id, record.get("url") or "", match.group(1).lower() if match else "", html, truth


SOURCES = {"readability": readability, "htmltotext": htmltotext, "wceb": wceb}


def build(mirrors, cache):
    rows = []
    for source, reader in SOURCES.items():
        out = cache / source
        (out / "html").mkdir(parents=True, exist_ok=True)
        with open(out / "truth.jsonl", "w", encoding="utf8") as truth_file:
            for page_id, url, lang, html, truth in reader(mirrors):
                data = html.encode("utf8")
                (out / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(data, mtime=0))
                split = split_of(source, page_id)
                truth_file.write(json.dumps({"id": page_id, "url": url, "lang": lang,
                                             "split": split, "text": truth},
                                            ensure_ascii=False) + "\n")
                rows.append((source, page_id, hashlib.sha256(data).hexdigest(), split, lang, url))
        print(f"{source}: {sum(1 for r in rows if r[0] == source)} pages", file=sys.stderr)
    with open(MANIFEST, "w", encoding="utf8") as manifest:
        manifest.write("source\tid\tsha256\tsplit\tlang\turl\n")
        for row in rows:
            manifest.write("\t".join(row) + "\n")


def verify(cache):
    bad = 0
    lines = MANIFEST.read_text(encoding="utf8").splitlines()[1:]
    for line in lines:
        source, page_id, digest = line.split("\t")[:3]
        path = cache / source / "html" / f"{page_id}.html.gz"
        if not path.exists() or hashlib.sha256(gzip.decompress(path.read_bytes())).hexdigest() != digest:
            bad += 1
            print(f"mismatch: {source}/{page_id}")
    print(f"{len(lines) - bad} of {len(lines)} pages match the manifest")
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "build":
        build(Path(sys.argv[2]), Path(sys.argv[3]) if len(sys.argv) > 3 else DEFAULT_CACHE)
    elif len(sys.argv) >= 2 and sys.argv[1] == "verify":
        sys.exit(verify(Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_CACHE))
    else:
        print(__doc__)
        sys.exit(2)
