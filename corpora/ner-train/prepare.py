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
  --extra    also write the corpora tried and not used (EXTRA_SOURCES)
  --dev      also write the English development set (Universal NER English PUD,
             never trained on) into the sibling folder `dev`
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
    (
        "crossner-politics-train.txt",
        "zliucr/CrossNER",
        "2e7ba2a7798c961e3f29fbc51252c5a8d40224bf",
        "ner_data/politics/train.txt",
        "copy",
        "1d8be31abb58463349496fe21b13d70114cf015294a9ff9cce77af9b83e8aa84",
    ),
    (
        "crossner-politics-dev.txt",
        "zliucr/CrossNER",
        "2e7ba2a7798c961e3f29fbc51252c5a8d40224bf",
        "ner_data/politics/dev.txt",
        "copy",
        "4f1f30eb832f4c5fe474f67ca45e875d863bddf0bbe432262d272ef13639fa8f",
    ),
    (
        "crossner-politics-test.txt",
        "zliucr/CrossNER",
        "2e7ba2a7798c961e3f29fbc51252c5a8d40224bf",
        "ner_data/politics/test.txt",
        "copy",
        "05cadc5e129d394f7f92b4a052cf4b6ea4c60878d32a833e500cf046c297455f",
    ),
]

# Not used by the shipped model: German Europeana (used up to session 6, dropped
# in session 7) and the corpora tried in session 7 (reports/ner.md has the
# rows); written with --extra to rebuild those rows.
EXTRA_SOURCES = [
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
        "crossner-literature-train.txt",
        "zliucr/CrossNER",
        "2e7ba2a7798c961e3f29fbc51252c5a8d40224bf",
        "ner_data/literature/train.txt",
        "copy",
        "0647e403a85040742c2f4041cf002146a81aa2e13adda19d0e82a8bcd493c18b",
    ),
    (
        "crossner-literature-dev.txt",
        "zliucr/CrossNER",
        "2e7ba2a7798c961e3f29fbc51252c5a8d40224bf",
        "ner_data/literature/dev.txt",
        "copy",
        "99281a51943cf7e3c2a58b3dc45c0e5ab6d329624ebf2ba6b4801c428396162f",
    ),
    (
        "crossner-literature-test.txt",
        "zliucr/CrossNER",
        "2e7ba2a7798c961e3f29fbc51252c5a8d40224bf",
        "ner_data/literature/test.txt",
        "copy",
        "77267f8b3e8afe993865c64cfc605f65671f6a0ac9cba65de970f12180fed20e",
    ),
    (
        "crossner-music-train.txt",
        "zliucr/CrossNER",
        "2e7ba2a7798c961e3f29fbc51252c5a8d40224bf",
        "ner_data/music/train.txt",
        "copy",
        "3774c38e0ebbeb4b98dbfae137071e4911e8764cdb7f247599009841f68d9fb5",
    ),
    (
        "crossner-music-dev.txt",
        "zliucr/CrossNER",
        "2e7ba2a7798c961e3f29fbc51252c5a8d40224bf",
        "ner_data/music/dev.txt",
        "copy",
        "e256f1949df52a61a3bb60095a0f41c1060843f1014b0f3d22d8371611b72e78",
    ),
    (
        "crossner-music-test.txt",
        "zliucr/CrossNER",
        "2e7ba2a7798c961e3f29fbc51252c5a8d40224bf",
        "ner_data/music/test.txt",
        "copy",
        "c66e345f959ac65593f76c6b1bd8c6d75f2a6f0bc197389b2e6700d101fd094c",
    ),
    (
        "crossner-science-train.txt",
        "zliucr/CrossNER",
        "2e7ba2a7798c961e3f29fbc51252c5a8d40224bf",
        "ner_data/science/train.txt",
        "copy",
        "8f6a26096cc7be6790b5790bf5f5b5c8928d8b73d4632e7d45dc8bffad0504ac",
    ),
    (
        "crossner-science-dev.txt",
        "zliucr/CrossNER",
        "2e7ba2a7798c961e3f29fbc51252c5a8d40224bf",
        "ner_data/science/dev.txt",
        "copy",
        "87ec141c7b41b3b52ec861737c4030d65c6e53954ed3d8106baca8603bbf8f24",
    ),
    (
        "crossner-science-test.txt",
        "zliucr/CrossNER",
        "2e7ba2a7798c961e3f29fbc51252c5a8d40224bf",
        "ner_data/science/test.txt",
        "copy",
        "3616d59d4d2b9dbf4c1126f8d8ba47ff97886223c95f93649bfd527343e64ced",
    ),
    (
        "crossner-ai-train.txt",
        "zliucr/CrossNER",
        "2e7ba2a7798c961e3f29fbc51252c5a8d40224bf",
        "ner_data/ai/train.txt",
        "copy",
        "484217a660f52927bd5157507c22fc103b36306364329f62f80fc8acb897b187",
    ),
    (
        "crossner-ai-dev.txt",
        "zliucr/CrossNER",
        "2e7ba2a7798c961e3f29fbc51252c5a8d40224bf",
        "ner_data/ai/dev.txt",
        "copy",
        "b47ffda6de5901a454a873feac1bebe782e54ce7edf9deb729cab3d769212eee",
    ),
    (
        "crossner-ai-test.txt",
        "zliucr/CrossNER",
        "2e7ba2a7798c961e3f29fbc51252c5a8d40224bf",
        "ner_data/ai/test.txt",
        "copy",
        "7595ad386e0a98067100fe47f86811b38867a236011fee97cfaa90f778c37bcf",
    ),
    (
        "HIPE-2022-v2.1-newseye-dev-de.tsv",
        "hipe-eval/HIPE-2022-data",
        "147f5bc3c7fb7e5c6b024a9ffd6503cd019fb9ea",
        "data/v2.1/newseye/de/HIPE-2022-v2.1-newseye-dev-de.tsv",
        "copy",
        "83d182a71c11f9bb38c0ac73d7b37efb2ee52d326349efea90d8accda413d02f",
    ),
    (
        "HIPE-2022-v2.1-newseye-dev2-de.tsv",
        "hipe-eval/HIPE-2022-data",
        "147f5bc3c7fb7e5c6b024a9ffd6503cd019fb9ea",
        "data/v2.1/newseye/de/HIPE-2022-v2.1-newseye-dev2-de.tsv",
        "copy",
        "22cac85cf13706cd9e52ca0b6e67ccf0fdab273c6750ea6de55950ffd48f383e",
    ),
    (
        "HIPE-2022-v2.1-newseye-test-de.tsv",
        "hipe-eval/HIPE-2022-data",
        "147f5bc3c7fb7e5c6b024a9ffd6503cd019fb9ea",
        "data/v2.1/newseye/de/HIPE-2022-v2.1-newseye-test-de.tsv",
        "copy",
        "e208286fc47f364e5d60bf6a077852a5007ca514500f7bbb4bfc645755efe719",
    ),
    (
        "HIPE-2022-v2.1-sonar-dev-de.tsv",
        "hipe-eval/HIPE-2022-data",
        "147f5bc3c7fb7e5c6b024a9ffd6503cd019fb9ea",
        "data/v2.1/sonar/de/HIPE-2022-v2.1-sonar-dev-de.tsv",
        "copy",
        "9ccfa577c92cff0e952a6984412e60d15fc1a0df9423606a8e475d328f5d2c7b",
    ),
    (
        "HIPE-2022-v2.1-sonar-test-de.tsv",
        "hipe-eval/HIPE-2022-data",
        "147f5bc3c7fb7e5c6b024a9ffd6503cd019fb9ea",
        "data/v2.1/sonar/de/HIPE-2022-v2.1-sonar-test-de.tsv",
        "copy",
        "9a3f633337300e26ed0cdf63799485fb171bc6e787e0b09f418fc44a83069819",
    ),
    (
        "enp_DE.sbb.bio",
        "EuropeanaNewspapers/ner-corpora",
        "6bf838d23112c255fd81431b1187ab30ef6c2d90",
        "enp_DE.sbb.bio/enp_DE.sbb.bio",
        "drop_comments",
        "eba01fb3cee237c627b06c225294880c79ac033dc11cda82b865a74566c8c30e",
    ),
    (
        "enp_NL.kb.bio",
        "EuropeanaNewspapers/ner-corpora",
        "6bf838d23112c255fd81431b1187ab30ef6c2d90",
        "enp_NL.kb.bio/enp_NL.kb.bio",
        "copy",
        "0928f045ae3de9d5d85dbba4d50f206633b924eb3897783575d4581631d22674",
    ),
]

# English development set: scored by `ner_eval --conll`, never trained on.
DEV_SOURCES = [
    (
        "en_pud-ud-test.iob2",
        "UniversalNER/UNER_English-PUD",
        "07ea0553144e3fcf3d6633efe2a075b725a0d262",
        "en_pud-ud-test.iob2",
        "copy",
        "71fc0e18011e930f9a1a2fb68089d732eb2035a5840677d300626c8a1dedd2fb",
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
    parser.add_argument("--extra", action="store_true")
    parser.add_argument("--dev", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    failed = False
    jobs = [(args.out, source) for source in SOURCES]
    if args.extra:
        jobs += [(args.out, source) for source in EXTRA_SOURCES]
    if args.dev:
        dev = os.path.join(os.path.dirname(os.path.abspath(args.out)), "dev")
        os.makedirs(dev, exist_ok=True)
        jobs += [(dev, source) for source in DEV_SOURCES]
    for folder, (name, repo, commit, path, transform, expected) in jobs:
        data = TRANSFORMS[transform](git_show(args.mirrors, repo, commit, path))
        digest = hashlib.sha256(data).hexdigest()
        with open(os.path.join(folder, name), "wb") as f:
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
