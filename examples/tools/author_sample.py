#!/usr/bin/env python3
"""Renders examples/sample from sample_articles.py, then packs the WARC.

    python3 examples/tools/author_sample.py

Writes the plain-text and HTML files, feeds/tamtam-info.rss,
feeds/archipelago-post.atom, dump.jsonl, the WARC source pages under
examples/tools/warc_pages/ (outside sample/, so they are not ingested twice),
archive.warc.gz (through make_warc.py) and truth.json + TRUTH.md. The output
is deterministic: running it twice gives the same bytes.
"""

import datetime as dt
import html
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "sample")
PAGES = os.path.join(HERE, "warc_pages")
sys.path.insert(0, HERE)

import make_warc  # noqa: E402
import sample_articles  # noqa: E402
import sample_truth  # noqa: E402

ARTICLES = sample_articles.ARTICLES

BOILER = {
    "fr": {
        "home": "Accueil", "politics": "Politique", "economy": "Économie", "world": "International",
        "sport": "Sport", "culture": "Culture", "share": "Partager", "by": "Par",
        "published": "Publié le", "tags": "Mots-clés", "related": "À lire aussi",
        "comments": "Commentaires", "reply": "Répondre", "leave": "Laisser un commentaire",
        "email_note": "Votre adresse e-mail ne sera pas publiée. Les champs requis sont signalés par *",
        "name": "Nom", "email": "E-mail", "post": "Publier le commentaire",
        "react": "Réagissez à cet article", "rights": "Tous droits réservés",
        "newsletter": "Recevez notre lettre d’information", "contact": "Nous contacter",
        "legal": "Mentions légales", "cookies": "Ce site utilise des cookies pour améliorer votre expérience.",
        "accept": "Accepter", "read_also": "Lire aussi", "caption": "Screenshot",
        "print": "Imprimer", "login": "Se connecter", "subscribe": "S’abonner", "search": "Rechercher…",
        "most_read": "Les plus lus", "most_read_items": ["Météo : fortes chaleurs attendues cette semaine", "Football : le championnat reprend samedi"],
        "ad": "Publicité",
        "months": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                   "septembre", "octobre", "novembre", "décembre"],
    },
    "en": {
        "home": "Home", "politics": "Politics", "economy": "Business", "world": "World",
        "sport": "Sport", "culture": "Culture", "share": "Share", "by": "By",
        "published": "Published", "tags": "Tags", "related": "Related stories",
        "comments": "Comments", "reply": "Reply", "leave": "Leave a comment",
        "email_note": "Your email address will not be published. Required fields are marked *",
        "name": "Name", "email": "Email", "post": "Post comment",
        "react": "Join the conversation", "rights": "All rights reserved",
        "newsletter": "Sign up for our newsletter", "contact": "Contact us",
        "legal": "Terms of use", "cookies": "This site uses cookies to improve your experience.",
        "accept": "Accept", "read_also": "Read more", "caption": "Screenshot",
        "print": "Print", "login": "Log in", "subscribe": "Subscribe", "search": "Search…",
        "most_read": "Most read", "most_read_items": ["Weather: heatwave expected this week", "Football: league resumes on Saturday"],
        "ad": "Advertisement",
        "months": ["January", "February", "March", "April", "May", "June", "July", "August",
                   "September", "October", "November", "December"],
    },
}


def esc(s):
    return html.escape(s, quote=True)


def when(a):
    return dt.datetime.fromisoformat(a["published"])


def human_date(a):
    d = when(a)
    b = BOILER[a["lang"]]
    if a["lang"] == "fr":
        return f"{d.day} {b['months'][d.month - 1]} {d.year} à {d.hour:02d}h{d.minute:02d}"
    return f"{b['months'][d.month - 1]} {d.day}, {d.year} {d.hour:02d}:{d.minute:02d}"


def para_html(p, cut_with_br):
    # A paragraph cut across lines becomes a <br> inside the <p>, as some CMSes store it.
    parts = [esc(x) for x in p.split("\n")]
    return "<p>" + ("<br>\n" if cut_with_br else "\n").join(parts) + "</p>"


def share_bar(b, url):
    return (
        f'<div class="share-bar"><span>{b["share"]}</span>'
        f'<a href="https://facebook.example/sharer?u={esc(url)}">Facebook</a> '
        f'<a href="https://twitter.example/intent?url={esc(url)}">Twitter</a> '
        f'<a href="https://wa.example/send?text={esc(url)}">WhatsApp</a> '
        f'<a href="#" class="print">{b["print"]}</a></div>'
    )


def comments_html(b, comments):
    items = "\n".join(
        f'<li class="comment"><div class="comment-author">{esc(who)}</div>'
        f'<div class="comment-body"><p>{esc(text)}</p></div>'
        f'<a class="reply" href="#">{b["reply"]}</a></li>'
        for who, text in comments
    )
    return f"""<section id="comments" class="comments-area">
<h2 class="comments-title">{b["comments"]} ({len(comments)})</h2>
<ol class="comment-list">
{items}
</ol>
<div id="respond"><h3>{b["leave"]}</h3>
<p class="comment-notes">{b["email_note"]}</p>
<form action="/wp-comments-post.php" method="post"><p><label>{b["name"]} *</label><input name="author"></p>
<p><label>{b["email"]} *</label><input name="email"></p><textarea name="comment"></textarea>
<input type="submit" value="{b["post"]}"></form></div>
</section>"""


def related_html(b, related):
    links = "\n".join(f'<li><a href="/article/{i + 101}">{esc(t)}</a></li>' for i, t in enumerate(related))
    return f'<aside class="related"><h3>{b["related"]}</h3><ul>\n{links}\n</ul></aside>'


def head(a, charset="utf-8"):
    return f"""<!DOCTYPE html>
<html lang="{a['lang']}">
<head>
<meta charset="{charset}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(a['title'])} | {esc(a['outlet'])}</title>
<meta property="og:site_name" content="{esc(a['outlet'])}">
<meta property="og:title" content="{esc(a['title'])}">
<meta property="og:type" content="article">
<meta property="og:url" content="{esc(a['url'])}">
<meta property="article:published_time" content="{a['published']}">
<meta name="author" content="{esc(a.get('author') or a['outlet'])}">
<link rel="canonical" href="{esc(a['url'])}">
<link rel="stylesheet" href="/assets/style.css">
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}</script>
</head>"""


def nav(b):
    return (
        '<nav class="main-nav"><ul>'
        f'<li><a href="/">{b["home"]}</a></li><li><a href="/politique">{b["politics"]}</a></li>'
        f'<li><a href="/economie">{b["economy"]}</a></li><li><a href="/monde">{b["world"]}</a></li>'
        f'<li><a href="/sport">{b["sport"]}</a></li><li><a href="/culture">{b["culture"]}</a></li>'
        "</ul></nav>"
    )


def footer(a, b):
    year = when(a).year
    return f"""<footer class="site-footer">
<div class="newsletter"><p>{b["newsletter"]}</p><form><input type="email"><button>OK</button></form></div>
<p><a href="/contact">{b["contact"]}</a> | <a href="/mentions">{b["legal"]}</a></p>
<p>© {year} {esc(a['outlet'])}. {b["rights"]}.</p>
</footer>
<div class="cookie-banner">{b["cookies"]} <button>{b["accept"]}</button></div>"""


def layout_wp(a):
    b = BOILER[a["lang"]]
    body = "\n".join(para_html(p, False) for p in a["paragraphs"])
    tags = ", ".join(f'<a href="/tag/{esc(t.lower())}" rel="tag">{esc(t)}</a>' for t in a.get("tags", []))
    author = a.get("author") or a["outlet"]
    return f"""{head(a)}
<body class="post-template-default single single-post">
<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title"><a href="/">{esc(a['outlet'])}</a></p></div>
{nav(b)}
<form class="search-form"><input type="search" placeholder="{b["search"]}"></form></header>
<div id="content" class="site-content"><main id="main">
<article class="post type-post status-publish">
<header class="entry-header"><h1 class="entry-title">{esc(a['title'])}</h1>
<div class="entry-meta"><span class="byline">{b["by"]} <span class="author vcard">{esc(author)}</span></span>
<time class="entry-date published" datetime="{a['published']}">{human_date(a)}</time></div></header>
{share_bar(b, a['url'])}
<div class="entry-content">
{body}
</div>
<footer class="entry-footer"><span class="tags-links">{b["tags"]} : {tags}</span></footer>
{share_bar(b, a['url'])}
</article>
{related_html(b, a.get('related', []))}
{comments_html(b, a.get('comments', []))}
</main>
<aside id="secondary" class="widget-area"><section class="widget"><h2>{b["most_read"]}</h2><ul><li><a href="/a/1">{b["most_read_items"][0]}</a></li><li><a href="/a/2">{b["most_read_items"][1]}</a></li></ul></section></aside>
</div>
{footer(a, b)}
</body>
</html>
"""


def layout_news(a):
    b = BOILER[a["lang"]]
    paras = [para_html(p, True) for p in a["paragraphs"]]
    if len(paras) > 3 and a.get("related"):
        # An inline "read also" link in the middle of the body, as many news sites do.
        paras.insert(2, f'<p class="read-also"><strong>{b["read_also"]} :</strong> <a href="/article/99">{esc(a["related"][0])}</a></p>')
    body = "\n".join(paras)
    author = a.get("author") or a["outlet"]
    tags = " ".join(f'<a class="tag" href="/tags/{esc(t.lower())}">#{esc(t.replace(" ", ""))}</a>' for t in a.get("tags", []))
    return f"""{head(a)}
<body>
<div class="topbar"><span class="date">{human_date(a)}</span> <a href="/login">{b["login"]}</a> <a href="/subscribe">{b["subscribe"]}</a></div>
<header><a class="logo" href="/">{esc(a['outlet'])}</a>
{nav(b)}</header>
<main>
<article itemscope itemtype="https://schema.org/NewsArticle">
<div class="breadcrumb"><a href="/">{b["home"]}</a> › <a href="/monde">{b["world"]}</a></div>
<h1 itemprop="headline">{esc(a['title'])}</h1>
<div class="meta"><span class="author" itemprop="author">{b["by"]} {esc(author)}</span> · <time itemprop="datePublished" datetime="{a['published']}">{human_date(a)}</time></div>
{share_bar(b, a['url'])}
<figure><img src="/img/photo.jpg" alt=""><figcaption>{b["caption"]}</figcaption></figure>
<div class="article-body" itemprop="articleBody">
{body}
</div>
<div class="tags">{tags}</div>
</article>
{related_html(b, a.get('related', []))}
<div class="ad-slot">{b["ad"]}</div>
{comments_html(b, a.get('comments', [])) if a.get('comments') is not None else ''}
</main>
{footer(a, b)}
</body>
</html>
"""


def layout_legacy(a):
    b = BOILER[a["lang"]]
    body = "\n".join(para_html(p, False) for p in a["paragraphs"])
    related = "<br>\n".join(f'<a href="article.php?id={8800 + i}">{esc(t)}</a>' for i, t in enumerate(a.get("related", [])))
    charset = a.get("encoding", "utf-8")
    return f"""{head(a, charset)}
<body bgcolor="#ffffff">
<table width="960" align="center"><tr><td colspan="2"><img src="logo.gif" alt="{esc(a['outlet'])}"></td></tr>
<tr><td colspan="2">{nav(b)}</td></tr>
<tr><td width="700" valign="top">
<div class="article">
<h1>{esc(a['title'])}</h1>
<p class="date">{b["published"]} {human_date(a)} | {esc(a.get('author') or '')}</p>
{body}
<p class="share">{b["share"]} : <a href="#">Facebook</a> | <a href="#">Twitter</a> | <a href="mailto:?">E-mail</a></p>
</div>
<p><b>{b["react"]}</b></p>
</td><td width="260" valign="top"><b>{b["related"]}</b><br>
{related}
</td></tr>
<tr><td colspan="2"><font size="1">© {when(a).year} {esc(a['outlet'])} – {b["rights"]}</font></td></tr></table>
</body>
</html>
"""


LAYOUTS = {"wp": layout_wp, "news": layout_news, "legacy": layout_legacy}


def render_html(a):
    page = LAYOUTS[a["layout"]](a)
    return page.encode(a.get("encoding", "utf-8"))


def render_txt(a):
    lines = [a["title"]] + a.get("top", []) + a["paragraphs"] + a.get("bottom", [])
    return ("\n".join(lines) + "\n").encode("utf-8")


def rfc2822(a):
    d = when(a)
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    off = d.utcoffset()
    minutes = int(off.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{days[d.weekday()]}, {d.day:02d} {months[d.month - 1]} {d.year} {d:%H:%M:%S} {sign}{minutes // 60:02d}{minutes % 60:02d}"


def content_html(a):
    return "\n".join(para_html(p, False) for p in a["paragraphs"])


def render_rss(items):
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
        "<channel>",
        "<title>Tamtam Info – Actualités</title>",
        "<link>https://tamtaminfo.example/</link>",
        '<atom:link href="https://tamtaminfo.example/feed/" rel="self" type="application/rss+xml"/>',
        "<description>L’actualité africaine au quotidien</description>",
        "<language>fr-FR</language>",
        f"<lastBuildDate>{rfc2822(items[-1])}</lastBuildDate>",
    ]
    for a in items:
        summary = a["paragraphs"][0][:180].rsplit(" ", 1)[0] + " […]"
        out += [
            "<item>",
            f"<title>{esc(a['title'])}</title>",
            f"<link>{esc(a['url'])}</link>",
            f"<guid isPermaLink=\"true\">{esc(a['url'])}</guid>",
            f"<pubDate>{rfc2822(a)}</pubDate>",
            f"<dc:creator><![CDATA[{a['author']}]]></dc:creator>",
            "<category><![CDATA[Actualité]]></category>",
            f"<description><![CDATA[{summary}]]></description>",
            f"<content:encoded><![CDATA[{content_html(a)}\n<p>L’article {esc(a['title'])} est apparu en premier sur Tamtam Info.</p>]]></content:encoded>",
            "</item>",
        ]
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out).encode("utf-8")


def render_atom(items):
    updated = max(when(a) for a in items).isoformat()
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
        "<title>The Archipelago Post</title>",
        "<subtitle>News from Indonesia and the world</subtitle>",
        '<link rel="alternate" href="https://archipelagopost.example/"/>',
        '<link rel="self" href="https://archipelagopost.example/feed.atom"/>',
        "<id>tag:archipelagopost.example,2025:feed</id>",
        f"<updated>{updated}</updated>",
    ]
    for a in items:
        out += [
            "<entry>",
            f"<title>{esc(a['title'])}</title>",
            f'<link rel="alternate" type="text/html" href="{esc(a["url"])}"/>',
            f"<id>{esc(a['url'])}</id>",
            f"<published>{a['published']}</published>",
            f"<updated>{a['published']}</updated>",
            f"<author><name>{esc(a['author'])}</name></author>",
            f"<summary>{esc(a['paragraphs'][0])}</summary>",
            f'<content type="html">{esc(content_html(a))}</content>',
            "</entry>",
        ]
    out += ["</feed>", ""]
    return "\n".join(out).encode("utf-8")


def render_jsonl(items):
    lines = []
    for a in items:
        record = {
            "title": a["title"],
            "text": "\n\n".join(a["paragraphs"]),
            "url": a["url"],
            "published": a["published"],
            "outlet": a["outlet"],
            "author": a.get("author"),
            "lang": a["lang"],
        }
        lines.append(json.dumps(record, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode("utf-8")


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def remove_stale():
    """Deletes article files a previous run wrote for articles that no longer exist."""
    wanted = {a["file"] for a in ARTICLES}
    for name in os.listdir(SAMPLE):
        if name.endswith((".txt", ".html")) and name not in wanted:
            os.remove(os.path.join(SAMPLE, name))


def main():
    remove_stale()
    by_time = sorted(ARTICLES, key=lambda a: (when(a), a["id"]))
    locators = {}
    for a in ARTICLES:
        if a["fmt"] == "txt":
            write(os.path.join(SAMPLE, a["file"]), render_txt(a))
            locators[a["id"]] = {"file": a["file"]}
        elif a["fmt"] == "html":
            write(os.path.join(SAMPLE, a["file"]), render_html(a))
            locators[a["id"]] = {"file": a["file"]}
    # Feeds and dumps list items in publication order, like the real thing.
    containers = {}
    for a in by_time:
        if a["fmt"] in ("rss", "atom", "jsonl", "warc"):
            containers.setdefault(a["file"], []).append(a)
    for file, items in containers.items():
        fmt = items[0]["fmt"]
        if fmt == "rss":
            write(os.path.join(SAMPLE, file), render_rss(items))
        elif fmt == "atom":
            write(os.path.join(SAMPLE, file), render_atom(items))
        elif fmt == "jsonl":
            write(os.path.join(SAMPLE, file), render_jsonl(items))
        for n, a in enumerate(items):
            if fmt in ("rss", "atom"):
                locators[a["id"]] = {"file": file, "item": n}
            elif fmt == "jsonl":
                locators[a["id"]] = {"file": file, "line": n + 1}
            else:
                locators[a["id"]] = {"file": file, "record": n, "target_uri": a["url"]}
    warc_items = containers.get("archive.warc.gz", [])
    manifest = []
    for a in warc_items:
        write(os.path.join(PAGES, a["page"]), render_html(a))
        manifest.append({"page": a["page"], "url": a["url"], "date": when(a).astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")})
    write(os.path.join(PAGES, "manifest.json"), (json.dumps(manifest, indent=2) + "\n").encode("utf-8"))
    make_warc.build(os.path.join(PAGES, "manifest.json"), os.path.join(SAMPLE, "archive.warc.gz"))
    sample_truth.write_truth(ARTICLES, locators, SAMPLE)


if __name__ == "__main__":
    main()
