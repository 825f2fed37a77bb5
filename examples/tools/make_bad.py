#!/usr/bin/env python3
"""Writes examples/bad: small malformed inputs for tests (deterministic).

    python3 examples/tools/make_bad.py            # rewrites examples/bad/*
    python3 examples/tools/make_bad.py --deep OUT [DEPTH]
                                                  # writes an HTML page nested DEPTH deep
                                                  # (default 100000); not committed, made at test time

Every file here must end in a per-input error or a warning, never a panic,
and must not stop a batch.
"""

import gzip
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BAD = os.path.join(HERE, "..", "bad")


def xorshift_bytes(n, seed=0x9E3779B97F4A7C15):
    """A few pseudo-random bytes, the same on every run."""
    out = bytearray()
    x = seed
    while len(out) < n:
        x ^= (x << 13) & 0xFFFFFFFFFFFFFFFF
        x ^= x >> 7
        x ^= (x << 17) & 0xFFFFFFFFFFFFFFFF
        out.append(x & 0xFF)
    return bytes(out)


def warc_record(headers, block, length=None):
    length = len(block) if length is None else length
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + f"Content-Length: {length}\r\n\r\n"
    return head.encode("ascii") + block + b"\r\n\r\n"


PAGE = (
    "<html><head><meta charset=\"utf-8\"><title>Essai</title></head><body><article><h1>Essai</h1>"
    "<p>Une page courte pour un enregistrement WARC dont la longueur est fausse.</p></article></body></html>"
).encode("utf-8")


def http(page):
    return b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page


def write(name, data):
    with open(os.path.join(BAD, name), "wb") as f:
        f.write(data)


def deep_html(depth):
    return "<!DOCTYPE html><html><body>" + "<div>" * depth + "<p>Au fond.</p>" + "</div>" * depth + "</body></html>"


def main():
    os.makedirs(BAD, exist_ok=True)
    write("empty.txt", b"")
    write("binary.bin", xorshift_bytes(64))
    # Looks like text, but random bytes: must be refused or flagged, not analysed as French.
    write("binary-disguised.txt", b"\x00\x01" + xorshift_bytes(200, seed=12345))
    text = (
        "Un titre en fran\xe7ais\n".encode("latin-1")
        + "Le pr\u00e9sident est arriv\u00e9 lundi \u00e0 Dakar pour une visite de trois jours.\n".encode("utf-8")
        + b"Cette ligne contient des octets invalides : \xff\xfe \xc3\x28 et une s\xe9quence tronqu\xc3\n"
    )
    write("invalid-utf8.txt", text)
    full = gzip.compress(("<html><body><p>" + "Texte compress\u00e9. " * 200 + "</p></body></html>").encode("utf-8"), mtime=0)
    write("truncated.html.gz", full[: len(full) // 2])
    write("broken-feed.rss", (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Flux cass\u00e9</title>\n'
        "<item><title>Premier &eacute;l\u00e9ment</title><description>Entit\u00e9 HTML non d\u00e9clar\u00e9e en XML"
        "</description></item>\n<item><title>Second \u00e9l\u00e9ment<title><link>https://flux.example/2</link>\n"
        "<description><![CDATA[Section CDATA jamais ferm\u00e9e"
    ).encode("utf-8"))
    write("broken-feed.atom", b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title><content type="html">&lt;p&gt;ok</content>')
    # A WARC whose response record announces far more bytes than it has.
    info = warc_record([("WARC-Type", "warcinfo"), ("WARC-Date", "2025-01-01T00:00:00Z")], b"software: make_bad.py\r\n")
    response = warc_record([
        ("WARC-Type", "response"), ("WARC-Target-URI", "https://bad.example/a"), ("WARC-Date", "2025-01-01T00:00:00Z"),
        ("Content-Type", "application/http; msgtype=response"),
    ], http(PAGE), length=len(http(PAGE)) * 4)
    write("bad-length.warc.gz", gzip.compress(info, mtime=0) + gzip.compress(response, mtime=0))
    # Uncompressed: a good record, one with a non-numeric length, then one whose length is short by 40 bytes.
    good = warc_record([
        ("WARC-Type", "response"), ("WARC-Target-URI", "https://bad.example/good"), ("WARC-Date", "2025-01-01T00:00:00Z"),
        ("Content-Type", "application/http; msgtype=response"),
    ], http(PAGE))
    nonnumeric = good.replace(f"Content-Length: {len(http(PAGE))}".encode(), b"Content-Length: douze").replace(b"/good", b"/nonnumeric")
    short = warc_record([
        ("WARC-Type", "response"), ("WARC-Target-URI", "https://bad.example/short"), ("WARC-Date", "2025-01-01T00:00:00Z"),
        ("Content-Type", "application/http; msgtype=response"),
    ], http(PAGE), length=len(http(PAGE)) - 40)
    write("bad-length.warc", good + nonnumeric + short)
    write("mixed.jsonl", (
        '{"title": "Ligne valide", "text": "Le ministre a annoncé mardi un plan de 12 millions de dollars.", "lang": "fr", "outlet": "Essai"}\n'
        '{"title": "JSON cassé", "text": "guillemet jamais fermé}\n'
        '{"title": "Sans texte", "lang": "fr"}\n'
        "\n"
        '["un tableau", "pas un objet"]\n'
        '{"title": "Encore valide", "text": "The minister said on Tuesday that 40% of the budget would go to schools.", "lang": "en"}\n'
    ).encode("utf-8"))
    write("not-html.html", b"%PDF-1.4\n" + xorshift_bytes(120, seed=99))
    more_bad()


def page(n, words):
    return (
        f"<html><head><meta charset=\"utf-8\"><title>Page {n}</title></head><body><article><h1>Page {n}</h1>"
        f"<p>{words}</p></article></body></html>"
    ).encode("utf-8")


RECORD_TEXTS = [
    "Le conseil municipal de Sélestat a voté mardi un budget de 4,2 millions d'euros pour rénover trois écoles.",
    "Les travaux commenceront en septembre et dureront dix-huit mois, a précisé la maire lors de la séance.",
    "L'opposition a dénoncé un calendrier trop serré et demandé un audit des marchés publics de la commune.",
]


def response(uri, body, length=None):
    return warc_record([
        ("WARC-Type", "response"), ("WARC-Target-URI", uri), ("WARC-Date", "2025-02-01T00:00:00Z"),
        ("Content-Type", "application/http; msgtype=response"),
    ], http(body), length=length)


def more_bad():
    """Inputs for resynchronisation, copies and decoding (issue 14)."""
    pages = [page(i, t) for i, t in enumerate(RECORD_TEXTS)]
    # Plain WARC: good, a record whose length is 500 bytes too long (it swallows the next), good, good.
    write("resync.warc", response("https://resync.example/1", pages[0])
          + response("https://resync.example/bad", pages[1], length=len(http(pages[1])) + 500)
          + response("https://resync.example/2", pages[1])
          + response("https://resync.example/3", pages[2]))
    # One gzip member per record; the second member is corrupted in its middle.
    gz_pages = [page(10 + i, t) for i, t in enumerate(RECORD_TEXTS)]
    members = [gzip.compress(response(f"https://resync-gz.example/{i}", p), mtime=0) for i, p in enumerate(gz_pages)]
    broken = bytearray(members[1])
    for k in range(len(broken) // 2, len(broken) // 2 + 12):
        broken[k] ^= 0x5A
    write("resync.warc.gz", members[0] + bytes(broken) + members[2])
    # A feed whose second item is broken XML: the first and third are read.
    write("one-bad-item.rss", (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Le Courrier du Ried</title>\n'
        f"<item><title>Budget</title><link>https://ried.example/1</link><description>{RECORD_TEXTS[0]}</description></item>\n"
        "<item><title>Cassé</title><link>https://ried.example/2</link><description>Texte <b>jamais fermé</description></item>\n"
        f"<item><title>Travaux</title><link>https://ried.example/3</link><description>{RECORD_TEXTS[1]}</description></item>\n"
        "</channel></rss>\n"
    ).encode("utf-8"))
    # The same dispatch reprinted verbatim by two outlets, and a broken line between them.
    dispatch = ("Les ministres de l'Agriculture de cinq pays se sont réunis jeudi à Lyon pour harmoniser "
                "les aides aux éleveurs touchés par la sécheresse, selon un communiqué publié vendredi.")
    write("reprints.jsonl", (
        f'{{"url": "https://gazette-a.example/secheresse", "outlet": "Gazette A", "title": "Sécheresse", "text": "{dispatch}"}}\n'
        '{"url": "https://broken.example", "text": \n'
        f'{{"url": "https://journal-b.example/eleveurs", "outlet": "Journal B", "title": "Éleveurs", "text": "{dispatch}"}}\n'
    ).encode("utf-8"))
    # French UTF-8 with six stray bytes: stays UTF-8, every accent intact, one warning.
    sentence = "Le préfet a annoncé à la presse que la déviation de l'été serait prête avant la rentrée. "
    raw = b""
    for k, bad in enumerate([0xFF, 0xE9, 0x80, 0xC3, 0xFE, 0x92]):
        raw += sentence.encode("utf-8") + bytes([bad]) + b" "
    write("few-bad-bytes-fr.txt", "Déviation : le chantier avance\n\n".encode("utf-8") + raw + b"\n")


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--deep":
        depth = int(sys.argv[3]) if len(sys.argv) > 3 else 100000
        with open(sys.argv[2], "w", encoding="utf-8") as f:
            f.write(deep_html(depth))
    else:
        main()
