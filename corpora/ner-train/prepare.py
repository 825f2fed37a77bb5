#!/usr/bin/env python3
"""Writes the NER training files of scripts/ner-train.sh from local git mirrors.

Every file is read with `git show COMMIT:PATH` from a mirror of a public
repository (pinned commit below), transformed by a recorded, deterministic step,
written to the training folder and checked against its SHA-256 here. So

    corpora/ner-train/prepare.py && scripts/ner-train.sh

rebuilds crates/analyze/model/ner.bin byte for byte (training itself is
deterministic). Licences of every source: reports/ner.md, "Training data and
licences".

Usage: prepare.py [--mirrors DIR] [--out DIR] [--print]
  --mirrors  folder holding one `owner+name/repo` git directory per repository
             (default $NER_MIRRORS or /work/.mirror: the layout of the session
             tool's snapshots; a plain `git clone --mirror` into
             DIR/owner+name/repo works too)
  --out      training folder (default $NER_DATA or /work/cache/recoupe/ner/train)
  --print    print the SHA-256 of what was written instead of checking it
"""

import argparse
import hashlib
import os
import subprocess
import sys

# (output name, repository, commit, path in the repository, transform, sha256 of the output)
SOURCES = [
    (
        "HIPE-2022-v2.1-newseye-dev2-fr.tsv",
        "hipe-eval/HIPE-2022-data",
        "147f5bc3c7fb7e5c6b024a9ffd6503cd019fb9ea",
        "data/v2.1/newseye/fr/HIPE-2022-v2.1-newseye-dev2-fr.tsv",
        "copy",
        "c2a406459c0205345e15342f60580fc5f07cd154a91e45d4afaf0d10734bf9ae",
    ),
    (
        "enp_FR.bnf.bio",
        "EuropeanaNewspapers/ner-corpora",
        "6bf838d23112c255fd81431b1187ab30ef6c2d90",
        "enp_FR.bnf.bio/enp_FR.bnf.bio",
        "copy",
        "730402f0f21c4d538b93a969a8eeedbec37edc49d2133cd18a26b925d93b0961",
    ),
    (
        "enp_DE.lft.bio",
        "EuropeanaNewspapers/ner-corpora",
        "6bf838d23112c255fd81431b1187ab30ef6c2d90",
        "enp_DE.lft.bio/enp_DE.lft.bio",
        "copy",
        "762c394ff09728e014bfe44e4fc38c0fc511e4e119a94c23be2b4034dc9a4d9b",
    ),
    (
        "enp_DE.onb.bio",
        "EuropeanaNewspapers/ner-corpora",
        "6bf838d23112c255fd81431b1187ab30ef6c2d90",
        "enp_DE.onb.bio/enp_DE.onb.bio",
        "copy",
        "479b0862870391cffb6f53f556e4f6160120eeb19a66421f67fe99c0b4ba6bf7",
    ),
    (
        "wikigold-en.conllu",
        "Babelscape/wikineural",
        "d2e28c770cba2b285e742529ae18ed849e336c65",
        "data/wikigold/en/test.conllu",
        "copy",
        "27ba977ee7a788fa11efcbc0590c17292aa3ca5e6126974651d4a68dfa7e9d78",
    ),
    (
        "uner-en-ewt-dev.iob2",
        "UniversalNER/UNER_English-EWT",
        "8ed072de2fd24022cc62458997fe96a8fe191ea4",
        "en_ewt-ud-dev.iob2",
        "drop_comments",
        "c160ceb9b4c23eb72d03103c4ad536f09bb9b5a3562930fa5b72fab18bfe65bc",
    ),
    (
        "uner-en-ewt-test.iob2",
        "UniversalNER/UNER_English-EWT",
        "8ed072de2fd24022cc62458997fe96a8fe191ea4",
        "en_ewt-ud-test.iob2",
        "drop_comments",
        "79528857e3947390ce1147bf383a66fe0dec61b69e368b41d423d18bcc7285a6",
    ),
]


def drop_comments(data: bytes) -> bytes:
    """CoNLL-U style `# key = value` lines out (train_ner reads token rows only)."""
    lines = data.split(b"\n")
    return b"\n".join(line for line in lines if not line.startswith(b"#"))


TRANSFORMS = {
    "copy": lambda data: data,
    "drop_comments": drop_comments,
}


def git_show(mirrors: str, repo: str, commit: str, path: str) -> bytes:
    git_dir = os.path.join(mirrors, repo.replace("/", "+"), "repo")
    if not os.path.isdir(git_dir):
        sys.exit(f"missing mirror {git_dir} (fetch github:{repo})")
    result = subprocess.run(
        ["git", "--git-dir", git_dir, "show", f"{commit}:{path}"],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"{repo}@{commit}:{path}: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mirrors", default=os.environ.get("NER_MIRRORS", "/work/.mirror"))
    parser.add_argument("--out", default=os.environ.get("NER_DATA", "/work/cache/recoupe/ner/train"))
    parser.add_argument("--print", action="store_true", dest="print_only")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    failed = False
    for name, repo, commit, path, transform, expected in SOURCES:
        data = TRANSFORMS[transform](git_show(args.mirrors, repo, commit, path))
        digest = hashlib.sha256(data).hexdigest()
        with open(os.path.join(args.out, name), "wb") as f:
            f.write(data)
        if args.print_only:
            print(f"{digest}  {name}")
        elif digest != expected:
            print(f"MISMATCH {name}: {digest}, expected {expected}", file=sys.stderr)
            failed = True
        else:
            print(f"ok {name} {digest[:16]}")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
