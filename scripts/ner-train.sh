#!/usr/bin/env bash
# Rebuilds the shipped NER model (crates/analyze/model/ner.bin) from openly
# licensed annotated corpora kept in $NER_DATA (default /work/cache/recoupe/ner/train).
# Only CC0 / CC BY / CC BY-SA sources: the weights ship with an Apache-2.0 binary.
# How to fill that folder (public repositories, commits, licences): reports/ner.md,
# "Training data and licences".
set -euo pipefail
D=${NER_DATA:-/work/cache/recoupe/ner/train}
OUT=${1:-crates/analyze/model/ner.bin}
cargo run --release -p recoupe-analyze --example train_ner -- \
  --out "$OUT" --epochs "${NER_EPOCHS:-8}" --bits "${NER_BITS:-20}" \
  fr:hipe:$D/HIPE-2022-v2.1-newseye-dev2-fr.tsv \
  fr:bio:$D/enp_FR.bnf.bio \
  en:conll:$D/wikigold-en.conllu \
  en:conll:$D/uner-en-ewt-dev.iob2 \
  en:conll:$D/uner-en-ewt-test.iob2 \
  de:bio:$D/enp_DE.lft.bio \
  de:bio:$D/enp_DE.onb.bio
