#!/usr/bin/env bash
# Rebuilds the shipped NER model (crates/analyze/model/ner.bin) from openly
# licensed annotated corpora kept in $NER_DATA (default /work/cache/recoupe/ner/train).
# Only CC0 / CC BY / CC BY-SA / MIT sources: the weights ship with an Apache-2.0 binary.
# Fill that folder first with `corpora/ner-train/prepare.py` (pinned commits of
# public repositories, sha256-checked); sources and licences: reports/ner.md,
# "Training data and licences". Training is deterministic: the same files give
# the same bytes.
#
# Structured perceptron: beam of 4 with early update, 25 epochs (session 7).
set -euo pipefail
D=${NER_DATA:-/work/cache/recoupe/ner/train}
OUT=${1:-crates/analyze/model/ner.bin}
cargo run --release -p recoupe-analyze --example train_ner -- \
  --out "$OUT" --epochs "${NER_EPOCHS:-25}" --bits "${NER_BITS:-20}" --beam "${NER_TRAIN_BEAM:-4}" \
  fr:hipe:$D/HIPE-2022-v2.1-newseye-dev2-fr.tsv \
  fr:bio:$D/enp_FR.bnf.bio \
  en:conll:$D/wikigold-en.conllu \
  en:conll:$D/uner-en-ewt-dev.iob2 \
  en:conll:$D/uner-en-ewt-test.iob2 \
  en:conll:$D/crossner-politics-train.txt \
  en:conll:$D/crossner-politics-dev.txt \
  en:conll:$D/crossner-politics-test.txt
