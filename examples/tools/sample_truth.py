"""The expected results on examples/sample: stories, copies, entities and the
planted agreements and disagreements. Written out as truth.json and TRUTH.md
by author_sample.py. Evidence strings are exact substrings of the article
texts (author_sample.py checks it), so tests can find the sentences.
"""

import json
import os

STORIES = {
    "S1": "Niger's transition president Seydou Harouna Maïkibi visits Indonesia (Jakarta), 3/4–7 March 2025; fertiliser plant in Dosso",
    "S2": "The Dosso fertiliser plant opens, 10 March 2026 (same actors as S1, a year later: must not merge with S1)",
    "S3": "Ferry MV Nyota ya Asubuhi capsizes on Lake Victoria near Musoma, Tanzania, Sunday 13 April 2025",
    "S4": "Senegal opens the 120 MW Keur Mbaye solar plant, Thursday 15 May 2025",
    "S5": "Côte d'Ivoire's cocoa regulator AIRC sets the farmgate price at 2,200 CFA francs/kg, Wednesday 1 October 2025",
}

MUST_NOT_MERGE = [["S1", "S2"]]

ENTITIES = [
    {"story": "S1", "canonical": "Seydou Harouna Maïkibi", "kind": "person",
     "variants": ["Seydou Harouna Maïkibi", "général Maïkibi", "colonel Seydou Harouna Maïkibi", "colonel Maïkibi",
                  "Seydou Harouna Maikibi", "General Seydou Maikibi", "Maikibi", "Seydou Maïkiby"],
     "note": "`Maïkiby` (s1-09) is a misspelling; `colonel` (s1-02) contradicts `général` elsewhere"},
    {"story": "S1", "canonical": "Rudi Santosa", "kind": "person", "variants": ["Rudi Santosa", "M. Rudi Santosa", "Santosa"]},
    {"story": "S1", "canonical": "Ibrahim Soumana Dicko", "kind": "person", "variants": ["Ibrahim Soumana Dicko"]},
    {"story": "S1", "canonical": "Abdoulaye Garba Issa", "kind": "person", "variants": ["Abdoulaye Garba Issa"]},
    {"story": "S1", "canonical": "PT Pupuk Samudra", "kind": "organization", "variants": ["PT Pupuk Samudra"]},
    {"story": "S1", "canonical": "Dosso", "kind": "place", "variants": ["Dosso"]},
    {"story": "S1", "canonical": "Jakarta", "kind": "place", "variants": ["Jakarta"]},
    {"story": "S1", "canonical": "Indonésie", "kind": "place", "variants": ["Indonésie", "Indonesia", "République d’Indonésie"]},
    {"story": "S3", "canonical": "Grace Mollel", "kind": "person", "variants": ["Grace Mollel", "Mollel", "Grace Molel", "Molel"],
     "note": "`Molel` (s3-05) is a misspelling"},
    {"story": "S3", "canonical": "MV Nyota ya Asubuhi", "kind": "other", "variants": ["MV Nyota ya Asubuhi"]},
    {"story": "S3", "canonical": "Musoma", "kind": "place", "variants": ["Musoma"]},
    {"story": "S3", "canonical": "Lake Victoria", "kind": "place", "variants": ["Lake Victoria", "lac Victoria"]},
    {"story": "S4", "canonical": "Aïssatou Sow Diagne", "kind": "person", "variants": ["Aïssatou Sow Diagne", "Aissatou Sow Diagne"]},
    {"story": "S4", "canonical": "Teranga Solaire SA", "kind": "organization", "variants": ["Teranga Solaire SA", "Teranga Solaire"]},
    {"story": "S4", "canonical": "Keur Mbaye", "kind": "place", "variants": ["Keur Mbaye"]},
    {"story": "S5", "canonical": "Koffi N’Guessan Aka", "kind": "person", "variants": ["Koffi N’Guessan Aka", "Koffi N'Guessan Aka"]},
    {"story": "S5", "canonical": "Autorité ivoirienne de régulation du cacao", "kind": "organization",
     "variants": ["Autorité ivoirienne de régulation du cacao", "AIRC", "Ivorian Cocoa Regulatory Authority"]},
    {"story": "S5", "canonical": "Mariam Bamba", "kind": "person", "variants": ["Mariam Bamba"]},
]

# Each claim: story, kind (agreement | disagreement | complementary), slot, and
# the values with the articles that state them and the words they use.
CLAIMS = [
    # ---------------- S1
    {"story": "S1", "kind": "disagreement", "slot": "visit.start", "subject": "Seydou Harouna Maïkibi → Indonésie",
     "note": "one outlet gives a 3–7 March range (arrival Monday 3), the others an arrival on Tuesday 4 March",
     "values": [
         {"value": "2025-03-03", "articles": ["s1-01"], "evidence": ["du 3 au 7 mars 2025", "est arrivé ce lundi à Jakarta"]},
         {"value": "2025-03-04", "articles": ["s1-02", "s1-03", "s1-04", "s1-05", "s1-06", "s1-09"],
          "evidence": ["est arrivé ce mardi à Jakarta", "a entamé mardi 4 mars une visite officielle", "arrived in Jakarta on Tuesday", "en visite officielle dans le pays depuis mardi"]},
     ]},
    {"story": "S1", "kind": "disagreement", "slot": "visit.duration_days", "subject": "Seydou Harouna Maïkibi → Indonésie",
     "values": [
         {"value": 5, "articles": ["s1-01", "s1-07", "s1-08"], "evidence": ["une visite officielle de cinq jours", "a five-day visit"]},
         {"value": 4, "articles": ["s1-02", "s1-06"], "evidence": ["un séjour officiel de quatre jours", "a four-day visit"]},
     ]},
    {"story": "S1", "kind": "agreement", "slot": "visit.end", "subject": "Seydou Harouna Maïkibi → Indonésie",
     "values": [
         {"value": "2025-03-07", "articles": ["s1-01", "s1-02", "s1-06", "s1-07", "s1-08"],
          "evidence": ["prévu vendredi 7 mars", "regagnera Niamey vendredi", "due to leave Jakarta on Friday", "that ends on Friday"]},
     ]},
    {"story": "S1", "kind": "disagreement", "slot": "agreements.count", "subject": "Niger–Indonesia signature, Wednesday 5 March 2025",
     "values": [
         {"value": 3, "articles": ["s1-06", "s1-09"], "evidence": ["signed three agreements", "ont signé hier trois accords"]},
         {"value": 2, "articles": ["s1-07", "s1-08"], "evidence": ["signed two agreements on Wednesday"]},
     ]},
    {"story": "S1", "kind": "disagreement", "slot": "title_of", "subject": "Seydou Harouna Maïkibi",
     "values": [
         {"value": "général", "articles": ["s1-01", "s1-03", "s1-04", "s1-05", "s1-06", "s1-07", "s1-08"],
          "evidence": ["général Seydou Harouna Maïkibi", "General Seydou Maikibi", "General Seydou Harouna Maikibi"]},
         {"value": "colonel", "articles": ["s1-02"], "evidence": ["colonel Seydou Harouna Maïkibi"]},
     ]},
    {"story": "S1", "kind": "disagreement", "slot": "investment.amount_usd", "subject": "usine d’engrais de Dosso",
     "values": [
         {"value": 450000000, "articles": ["s1-01", "s1-03", "s1-04", "s1-05", "s1-09"], "evidence": ["450 millions de dollars"]},
         {"value": 540000000, "articles": ["s1-06"], "evidence": ["$540 million"]},
     ]},
    {"story": "S1", "kind": "complementary", "slot": "share_of_capital", "subject": "usine d’engrais de Dosso (joint venture)",
     "note": "two holders, 60 + 40 = 100: not a disagreement",
     "values": [
         {"value": 60, "holder": "État du Niger", "articles": ["s1-01", "s1-03", "s1-04", "s1-05", "s1-06", "s1-09"],
          "evidence": ["l’État nigérien détiendra 60 % du capital", "à 60 % par l’État du Niger", "The Nigerien state will own 60%", "dont l’État détiendra 60 %"]},
         {"value": 40, "holder": "PT Pupuk Samudra", "articles": ["s1-03", "s1-04", "s1-05", "s1-06", "s1-07", "s1-08"],
          "evidence": ["à 40 % par le groupe indonésien PT Pupuk Samudra", "PT Pupuk Samudra the remaining 40%", "PT Pupuk Samudra will hold 40%"]},
     ]},
    {"story": "S1", "kind": "agreement", "slot": "capacity_tonnes_per_year", "subject": "usine d’engrais de Dosso",
     "values": [
         {"value": 500000, "articles": ["s1-01", "s1-03", "s1-05", "s1-06", "s1-07", "s1-09"],
          "evidence": ["500 000 tonnes d’engrais par an", "500,000 tonnes of fertiliser a year", "500,000 tonnes of urea-based fertiliser a year", "500 000 tonnes par an"]},
     ]},
    {"story": "S1", "kind": "agreement", "slot": "quote", "subject": "Seydou Harouna Maïkibi",
     "note": "the same quote in French and in English",
     "values": [
         {"value": "partners, not guardians", "articles": ["s1-01", "s1-06"],
          "evidence": ["Le Niger est venu chercher des partenaires, pas des tuteurs", "Niger came looking for partners, not guardians"]},
     ]},
    # ---------------- S2
    {"story": "S2", "kind": "agreement", "slot": "inauguration.date", "subject": "usine d’engrais de Dosso",
     "values": [
         {"value": "2026-03-10", "articles": ["s2-01", "s2-02", "s2-03", "s2-04", "s2-05"],
          "evidence": ["a inauguré ce mardi à Dosso", "a inauguré mardi à Dosso", "a été inaugurée hier", "Niger on Tuesday inaugurated", "on Tuesday opened"]},
     ]},
    {"story": "S2", "kind": "agreement", "slot": "employees", "subject": "usine d’engrais de Dosso",
     "values": [{"value": 640, "articles": ["s2-01", "s2-02", "s2-03", "s2-04", "s2-05"], "evidence": ["640 personnes", "640 people"]}]},
    {"story": "S2", "kind": "agreement", "slot": "trial_output_tonnes", "subject": "usine d’engrais de Dosso",
     "values": [{"value": 12000, "articles": ["s2-01", "s2-02", "s2-03", "s2-05"], "evidence": ["12 000 tonnes d’urée", "12,000 tonnes of urea"]}]},
    # ---------------- S3
    {"story": "S3", "kind": "disagreement", "slot": "casualties.dead", "subject": "MV Nyota ya Asubuhi capsizing",
     "note": "27 on the day (Reuters, AFP), 31 the next day: a dossier should show both with their dates",
     "values": [
         {"value": 27, "articles": ["s3-01", "s3-02", "s3-03", "s3-06", "s3-07"], "evidence": ["At least 27 people died", "Au moins 27 personnes sont mortes"]},
         {"value": 31, "articles": ["s3-04", "s3-05"], "evidence": ["Thirty-one people have been confirmed dead", "has risen to 31"]},
     ]},
    {"story": "S3", "kind": "agreement", "slot": "casualties.rescued", "subject": "MV Nyota ya Asubuhi capsizing",
     "values": [{"value": 112, "articles": ["s3-01", "s3-02", "s3-03", "s3-04", "s3-05", "s3-06", "s3-07"],
                 "evidence": ["112 survivors", "112 people had been rescued", "Cent douze passagers ont été secourus"]}]},
    {"story": "S3", "kind": "agreement", "slot": "passengers_on_board", "subject": "MV Nyota ya Asubuhi",
     "values": [{"value": 150, "articles": ["s3-01", "s3-02", "s3-03", "s3-04", "s3-06", "s3-07"],
                 "evidence": ["about 150 passengers", "about 150 on board", "environ 150 personnes à bord"]}]},
    {"story": "S3", "kind": "agreement", "slot": "event.date", "subject": "MV Nyota ya Asubuhi capsizing",
     "values": [{"value": "2025-04-13", "articles": ["s3-01", "s3-02", "s3-03", "s3-04", "s3-05", "s3-06", "s3-07"],
                 "evidence": ["on Sunday", "near Musoma yesterday", "sont mortes dimanche"]}]},
    # ---------------- S4
    {"story": "S4", "kind": "agreement", "slot": "capacity_megawatts", "subject": "centrale solaire de Keur Mbaye",
     "values": [{"value": 120, "articles": ["s4-01", "s4-02", "s4-03", "s4-04", "s4-05", "s4-06"],
                 "evidence": ["120 mégawatts", "120-megawatt"]}]},
    {"story": "S4", "kind": "agreement", "slot": "cost", "subject": "centrale solaire de Keur Mbaye",
     "values": [{"value": "95 milliards de francs CFA", "articles": ["s4-01", "s4-02", "s4-03", "s4-04", "s4-05", "s4-06"],
                 "evidence": ["95 milliards de francs CFA", "95 billion CFA francs"]}]},
    {"story": "S4", "kind": "agreement", "slot": "households_supplied", "subject": "centrale solaire de Keur Mbaye",
     "values": [{"value": 230000, "articles": ["s4-01", "s4-02", "s4-03", "s4-04", "s4-06"], "evidence": ["230 000 foyers", "230,000 households"]}]},
    {"story": "S4", "kind": "agreement", "slot": "renewables_share", "subject": "Sénégal, production d’électricité",
     "values": [{"value": "26 % → 31 %", "articles": ["s4-01", "s4-02", "s4-03", "s4-05", "s4-06"], "evidence": ["de 26 % à 31 %", "31 %, contre 26 %", "31% of the country's electricity output, up from 26%"]}]},
    {"story": "S4", "kind": "agreement", "slot": "inauguration.date", "subject": "centrale solaire de Keur Mbaye",
     "values": [{"value": "2025-05-15", "articles": ["s4-01", "s4-02", "s4-03", "s4-04", "s4-05", "s4-06"],
                 "evidence": ["a inauguré jeudi", "a été inaugurée hier", "Inaugurée jeudi dernier", "on Thursday opened"]}]},
    # ---------------- S5
    {"story": "S5", "kind": "agreement", "slot": "price_cfa_per_kg", "subject": "cacao, campagne principale 2025-2026",
     "values": [{"value": 2200, "articles": ["s5-01", "s5-02", "s5-03", "s5-04", "s5-05"],
                 "evidence": ["2 200 francs CFA le kilogramme", "2 200 francs CFA le kilo", "2,200 CFA francs"]}]},
    {"story": "S5", "kind": "agreement", "slot": "previous_price_cfa_per_kg", "subject": "cacao, campagne 2024-2025",
     "values": [{"value": 1800, "articles": ["s5-01", "s5-03", "s5-04", "s5-05"], "evidence": ["1 800 francs", "1,800 francs"]}]},
    {"story": "S5", "kind": "agreement", "slot": "price_change_percent", "subject": "cacao",
     "values": [{"value": 22, "articles": ["s5-01", "s5-02", "s5-03", "s5-04", "s5-05"], "evidence": ["22 %", "22%"]}]},
    {"story": "S5", "kind": "agreement", "slot": "production_forecast_tonnes", "subject": "cacao",
     "values": [{"value": 2000000, "articles": ["s5-01", "s5-02", "s5-03", "s5-04", "s5-05"], "evidence": ["2 millions de tonnes", "2 million tonnes"]}]},
    {"story": "S5", "kind": "agreement", "slot": "announcement.date", "subject": "AIRC",
     "values": [{"value": "2025-10-01", "articles": ["s5-01", "s5-02", "s5-03", "s5-04", "s5-05"],
                 "evidence": ["a fixé ce mercredi", "annoncé hier", "a annoncé mercredi", "on Wednesday set", "said yesterday"]}]},
]


def article_text(a):
    return "\n".join([a["title"]] + a["paragraphs"])


def check_evidence(articles):
    """Every evidence string must occur in at least one of the articles its value names."""
    by_id = {a["id"]: a for a in articles}
    problems = []
    for c in CLAIMS:
        for v in c["values"]:
            texts = [article_text(by_id[i]).replace("\n", " ") for i in v["articles"]]
            for ev in v["evidence"]:
                if not any(ev in t for t in texts):
                    problems.append(f"{c['story']} {c['slot']} {v['value']}: `{ev}` not found")
        for v in c["values"]:
            for i in v["articles"]:
                if by_id[i]["story"] != c["story"]:
                    problems.append(f"{i} is not in {c['story']}")
    for e in ENTITIES:
        texts = " ".join(article_text(a).replace("\n", " ") for a in articles if a["story"] == e["story"])
        for var in e["variants"]:
            if var not in texts:
                problems.append(f"entity variant `{var}` not found in {e['story']}")
    if problems:
        raise SystemExit("truth does not match the articles:\n" + "\n".join(problems))


def copy_groups(articles):
    groups = {}
    for a in articles:
        if a.get("copy_of"):
            groups.setdefault(a["copy_of"], []).append(a["id"])
    by_id = {a["id"]: a for a in articles}
    return [
        {"story": by_id[orig]["story"], "agency": by_id[orig].get("wire"), "original": orig,
         "copies": sorted(copies), "kinds": {c: by_id[c]["copy_kind"] for c in sorted(copies)}}
        for orig, copies in sorted(groups.items())
    ]


def independent_count(ids, articles):
    """Copies of one dispatch count once, and so do several articles of one outlet."""
    by_id = {a["id"]: a for a in articles}
    originals = {a["copy_of"] for a in articles if a.get("copy_of")}
    keys = set()
    for i in ids:
        a = by_id[i]
        if a.get("copy_of"):
            keys.add("wire:" + a["copy_of"])
        elif i in originals:
            keys.add("wire:" + i)
        else:
            keys.add("outlet:" + a["outlet"])
    return len(keys)


def write_truth(articles, locators, sample_dir):
    check_evidence(articles)
    arts = []
    for a in sorted(articles, key=lambda a: a["id"]):
        arts.append({
            "id": a["id"], "story": a["story"], "lang": a["lang"], "outlet": a["outlet"],
            "published": a["published"], "title": a["title"], "format": a["fmt"],
            "source": locators[a["id"]], "encoding": a.get("encoding", "utf-8"),
            "copy_of": a.get("copy_of"), "copy_kind": a.get("copy_kind"), "agency": a.get("wire"),
        })
    stories = []
    for sid, title in STORIES.items():
        members = [a for a in arts if a["story"] == sid]
        stories.append({
            "id": sid, "title": title,
            "articles": [a["id"] for a in members],
            "languages": sorted({a["lang"] for a in members}),
            "outlets": sorted({a["outlet"] for a in members}),
        })
    claims = []
    for c in CLAIMS:
        c = dict(c)
        c["values"] = [dict(v, independent_sources=independent_count(v["articles"], articles)) for v in c["values"]]
        claims.append(c)
    truth = {
        "version": 1,
        "about": "Expected results on examples/sample. See TRUTH.md. independent_sources counts copies of one dispatch once, and several articles of one outlet once. Feed items are 0-based in document order, JSONL lines 1-based, WARC `record` is the 0-based index among response records.",
        "articles": arts,
        "stories": stories,
        "copy_groups": copy_groups(articles),
        "must_not_merge": MUST_NOT_MERGE,
        "entities": ENTITIES,
        "claims": claims,
    }
    with open(os.path.join(sample_dir, "..", "truth", "sample.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=2)
        f.write("\n")
    with open(os.path.join(sample_dir, "..", "truth", "SAMPLE.md"), "w", encoding="utf-8") as f:
        f.write(truth_md(truth))


def where(src):
    if "item" in src:
        return f"`{src['file']}` item {src['item']}"
    if "line" in src:
        return f"`{src['file']}` line {src['line']}"
    if "record" in src:
        return f"`{src['file']}` response {src['record']} ({src['target_uri']})"
    return f"`{src['file']}`"


def truth_md(truth):
    out = ["# examples/sample — what a correct run finds", "",
           "Original fiction written for recoupe's tests: people, companies, outlets and events are invented;",
           "real countries and cities are only settings. Generated by `examples/tools/author_sample.py`",
           "(from `sample_articles.py` and `sample_truth.py`); `truth.json` is the machine-readable twin of this page.",
           "", f"{len(truth['articles'])} articles, {len(truth['stories'])} stories, French and English, in every input format:",
           "plain text, HTML (one page in windows-1252), RSS 2.0 (`content:encoded`), Atom (`content type=\"html\"`),",
           "JSON Lines, and a WARC (`archive.warc.gz`, one gzip member per record, built by `examples/tools/make_warc.py`).",
           "", "They live outside `sample/` so that an ingest of that folder reads only articles.", ""]
    for s in truth["stories"]:
        out += [f"## {s['id']} — {s['title']}", "", "| id | lang | outlet | published | where | copy of |", "|---|---|---|---|---|---|"]
        for a in truth["articles"]:
            if a["story"] == s["id"]:
                copy = f"{a['copy_of']} ({a['copy_kind']})" if a["copy_of"] else ""
                out.append(f"| {a['id']} | {a['lang']} | {a['outlet']} | {a['published'][:10]} | {where(a['source'])} | {copy} |")
        out.append("")
        for c in [c for c in truth["claims"] if c["story"] == s["id"]]:
            out.append(f"- **{c['kind']}** `{c['slot']}` ({c['subject']})" + (f" — {c['note']}" if c.get("note") else ""))
            for v in c["values"]:
                holder = f" [{v['holder']}]" if v.get("holder") else ""
                ev = "; ".join(f"“{e}”" for e in v["evidence"])
                out.append(f"  - {v['value']}{holder}: {', '.join(v['articles'])} ({v['independent_sources']} independent) — {ev}")
        out.append("")
    out += ["## Wire copies", "", "| agency | original | copies |", "|---|---|---|"]
    for g in truth["copy_groups"]:
        out.append(f"| {g['agency']} | {g['original']} | " + ", ".join(f"{c} ({k})" for c, k in g["kinds"].items()) + " |")
    out += ["", "## Must not merge", ""]
    out += [f"- {a} and {b}: same people and plant, a year apart." for a, b in truth["must_not_merge"]]
    out += ["", "## Entities and their spellings", ""]
    for e in truth["entities"]:
        out.append(f"- {e['story']} {e['kind']} **{e['canonical']}**: " + ", ".join(f"`{v}`" for v in e["variants"]) + (f" — {e['note']}" if e.get("note") else ""))
    out += ["", "## Scrape noise planted", "",
            "`Screenshot` lines, hashtag rows, outlet-name lines, `Dernière mise à jour le …` / `Last updated …`,",
            "comment forms (`Réagissez à cet article`, `Votre adresse e-mail ne sera pas publiée…`, `Leave a comment`),",
            "bylines, share bars, sentences cut across lines (s1-01, s1-09, s3-05, s4-05), agency sign-offs",
            "(`SH/ak/APA`, `(AFP)`, `bdi/sd/ahe (AFP)`, `(Reporting by …)`), HTML navigation, related links,",
            "an inline `Lire aussi` link inside the body, comments, cookie banners and footers.", ""]
    return "\n".join(out)
