#!/usr/bin/env python3
"""Builds a small WARC file (one gzip member per record) from HTML pages.

    python3 examples/tools/make_warc.py MANIFEST.json OUT.warc.gz

MANIFEST.json lists {"page": file name next to the manifest, "url", "date"}.
The archive opens with a warcinfo record, then for each page a request record
and a response record carrying HTTP headers and the page bytes as they are
(so a windows-1252 page stays windows-1252; its charset goes in the header).
Record ids are derived from the URLs and gzip members carry no timestamp, so
the output is the same bytes on every run.
"""

import gzip
import json
import os
import re
import sys
import uuid


def record(headers, block):
    head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + f"Content-Length: {len(block)}\r\n\r\n"
    raw = head.encode("utf-8") + block + b"\r\n\r\n"
    return gzip.compress(raw, compresslevel=9, mtime=0)


def rid(name):
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}>"


def charset_of(page):
    m = re.search(rb'<meta charset="([^"]+)"', page)
    return m.group(1).decode("ascii") if m else "utf-8"


def build(manifest_path, out_path):
    base = os.path.dirname(os.path.abspath(manifest_path))
    with open(manifest_path, encoding="utf-8") as f:
        entries = json.load(f)
    first_date = entries[0]["date"] if entries else "2025-01-01T00:00:00Z"
    info = b"software: recoupe examples/tools/make_warc.py\r\nformat: WARC File Format 1.0\r\nisPartOf: recoupe-sample\r\n"
    members = [record([
        ("WARC-Type", "warcinfo"),
        ("WARC-Date", first_date),
        ("WARC-Filename", os.path.basename(out_path)),
        ("WARC-Record-ID", rid("warcinfo:" + out_path.rsplit("/", 1)[-1])),
        ("Content-Type", "application/warc-fields"),
    ], info)]
    for e in entries:
        with open(os.path.join(base, e["page"]), "rb") as f:
            page = f.read()
        host = e["url"].split("/")[2]
        path = "/" + e["url"].split("/", 3)[3]
        request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: recoupe-sample-crawler/0.1\r\nAccept: text/html\r\n\r\n".encode("ascii")
        members.append(record([
            ("WARC-Type", "request"),
            ("WARC-Target-URI", e["url"]),
            ("WARC-Date", e["date"]),
            ("WARC-Record-ID", rid("request:" + e["url"])),
            ("Content-Type", "application/http; msgtype=request"),
        ], request))
        http = (
            "HTTP/1.1 200 OK\r\n"
            f"Content-Type: text/html; charset={charset_of(page)}\r\n"
            f"Content-Length: {len(page)}\r\n"
            "Server: nginx\r\n"
            "Cache-Control: max-age=300\r\n\r\n"
        ).encode("ascii") + page
        members.append(record([
            ("WARC-Type", "response"),
            ("WARC-Target-URI", e["url"]),
            ("WARC-Date", e["date"]),
            ("WARC-Record-ID", rid("response:" + e["url"])),
            ("WARC-Concurrent-To", rid("request:" + e["url"])),
            ("Content-Type", "application/http; msgtype=response"),
        ], http))
    with open(out_path, "wb") as f:
        for m in members:
            f.write(m)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    build(sys.argv[1], sys.argv[2])
