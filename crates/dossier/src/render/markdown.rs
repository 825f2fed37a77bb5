//! Markdown: one document per dossier, every line followed by its sources
//! (`[2][4]`), disagreements with each side in the outlets' own words.

use std::fmt::Write;

use crate::model::{Citation, Dossier, Side, Source};

/// Source numbers of citations, deduplicated, as `[1][3]`.
pub(crate) fn refs(citations: &[Citation]) -> String {
    let mut n: Vec<usize> = citations.iter().map(|c| c.source).collect();
    n.sort_unstable();
    n.dedup();
    n.iter().map(|k| format!("[{k}]")).collect()
}

pub(crate) fn refs_of(sources: &[usize]) -> String {
    sources.iter().map(|k| format!("[{k}]")).collect()
}

/// The sentence a citation points at, from the dossier's copy of the source.
pub(crate) fn sentence_of<'a>(d: &'a Dossier, c: &Citation) -> Option<&'a str> {
    let src: &Source = d.sources.iter().find(|s| s.number == c.source)?;
    let s = src.sentences.get(c.sentence)?;
    src.text.get(s.start..s.end).map(str::trim)
}

pub(crate) fn outlets(n: usize) -> String {
    if n == 1 {
        "1 outlet".to_string()
    } else {
        format!("{n} outlets")
    }
}

/// Escapes what Markdown would read as markup inside a line.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Distinct sentences cited, each once, as quoted lines.
fn quoted_sentences(d: &Dossier, citations: &[Citation], indent: &str, out: &mut String) {
    let mut seen: Vec<(usize, usize)> = Vec::new();
    for c in citations {
        if seen.contains(&(c.source, c.sentence)) {
            continue;
        }
        seen.push((c.source, c.sentence));
        if let Some(s) = sentence_of(d, c) {
            let _ = writeln!(out, "{indent}> [{}] {}", c.source, md(s));
        }
    }
}

fn side_line(d: &Dossier, s: &Side, out: &mut String) {
    let flags = flag_words(s.hedged, s.planned);
    let flags = if flags.is_empty() {
        String::new()
    } else {
        format!(" ({})", flags.join(", "))
    };
    let _ = writeln!(
        out,
        "- **{}**{flags} — {} — {}",
        md(&s.value),
        refs_of(&s.sources),
        outlets(s.independent_outlets)
    );
    for r in &s.reasons {
        let _ = writeln!(out, "  - {}", md(r));
    }
    quoted_sentences(d, &s.citations, "  ", out);
}

pub fn render_markdown(d: &Dossier) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md(&d.title));
    let period = d
        .period
        .map(|p| {
            if p.start == p.end {
                format!(" · {}", p.start)
            } else {
                format!(" · {} → {}", p.start, p.end)
            }
        })
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "Story `{}` · {} sources{period} · dossier schema {}\n",
        md(&d.story_id),
        d.sources.len(),
        d.schema_version
    );

    let _ = writeln!(out, "## Summary\n");
    if d.summary.is_empty() {
        let _ = writeln!(out, "_No sentence to summarise._");
    }
    for line in &d.summary {
        let _ = writeln!(out, "- {} {}", md(&line.text), refs(&line.citations));
    }

    let _ = writeln!(out, "\n## Timeline\n");
    if d.timeline.is_empty() {
        let _ = writeln!(out, "_No dated event._");
    }
    for t in &d.timeline {
        let date = if t.date.start == t.date.end {
            t.date.start.to_string()
        } else if t.granularity == "month" {
            t.date.start.format("%Y-%m").to_string()
        } else if t.granularity == "year" {
            t.date.start.format("%Y").to_string()
        } else {
            format!("{} → {}", t.date.start, t.date.end)
        };
        let mut flags = Vec::new();
        if t.context {
            flags.push("context".to_string());
        }
        if t.hedged {
            flags.push("hedged".to_string());
        }
        if t.planned {
            flags.push("planned".to_string());
        }
        if t.confidence < 0.8 {
            flags.push(format!("inferred date, confidence {:.2}", t.confidence));
        }
        let flags = if flags.is_empty() {
            String::new()
        } else {
            format!(" _({})_", flags.join(", "))
        };
        let _ = writeln!(
            out,
            "- **{date}** · {}{flags} — {} — {}",
            md(&t.label),
            refs_of(&t.sources),
            outlets(t.independent_outlets)
        );
    }

    let _ = writeln!(out, "\n## Disagreements\n");
    if d.disagreements.is_empty() {
        let _ = writeln!(out, "_None found._");
    }
    for g in &d.disagreements {
        let _ = writeln!(
            out,
            "### {} · {} ({}, {:.2})\n",
            g.id,
            md(&g.subject),
            g.strength_label,
            g.strength
        );
        let _ = writeln!(out, "{}\n", md(&g.explanation));
        for s in &g.sides {
            side_line(d, s, &mut out);
        }
        let _ = writeln!(out);
    }

    if !d.complementary.is_empty() {
        let _ = writeln!(out, "## Complementary figures (not disagreements)\n");
        for c in &d.complementary {
            let _ = writeln!(out, "{}\n", md(&c.explanation));
            for s in &c.parts {
                side_line(d, s, &mut out);
            }
            let _ = writeln!(out);
        }
    }

    let _ = writeln!(out, "## Claims\n");
    for c in &d.claims {
        let flags = flag_words(c.hedged, c.planned);
        let flags = if flags.is_empty() {
            String::new()
        } else {
            format!(" _({})_", flags.join(", "))
        };
        let _ = writeln!(
            out,
            "- `{}` {}{flags} — {} — {}",
            c.id,
            md(&c.label),
            refs_of(&c.sources),
            outlets(c.independent_outlets)
        );
    }

    let _ = writeln!(out, "\n## Entities\n");
    let _ = writeln!(out, "| Entity | Type | Also written | Roles and titles | Sources |");
    let _ = writeln!(out, "|---|---|---|---|---|");
    for e in &d.entities {
        let roles: Vec<String> = e
            .roles
            .iter()
            .map(|r| format!("{} {}", md(&r.role), refs_of(&r.sources)))
            .collect();
        let aliases: Vec<String> = e.aliases.iter().map(|a| md(a)).collect();
        let _ = writeln!(
            out,
            "| **{}** | {} | {} | {} | {} ({}) |",
            md(&e.name),
            e.kind,
            aliases.join(", "),
            roles.join("; "),
            refs_of(&e.sources),
            outlets(e.independent_outlets)
        );
    }

    let _ = writeln!(out, "\n## Figures\n");
    if d.figures.is_empty() {
        let _ = writeln!(out, "_No figure._");
    } else {
        let _ = writeln!(out, "| Figure | Value | Unit | What | Holder | Sources |");
        let _ = writeln!(out, "|---|---|---|---|---|---|");
        for f in &d.figures {
            let unit = match (&f.unit, &f.per) {
                (Some(u), Some(p)) if u.ends_with(&format!("/{p}")) => u.clone(),
                (Some(u), Some(p)) => format!("{u}/{p}"),
                (Some(u), None) => u.clone(),
                (None, Some(p)) => format!("per {p}"),
                (None, None) => String::new(),
            };
            let _ = writeln!(
                out,
                "| {} | {}{} | {} | {} | {} | {} |",
                md(&f.text),
                f.comparator.as_deref().map(|c| format!("{c} ")).unwrap_or_default(),
                crate::claims::show_number(f.value),
                md(&unit),
                md(&f.what),
                md(f.holder.as_deref().unwrap_or("")),
                refs_of(&f.sources)
            );
        }
    }

    let _ = writeln!(out, "\n## Quotes\n");
    if d.quotes.is_empty() {
        let _ = writeln!(out, "_No quote._");
    }
    for q in &d.quotes {
        let written = if q.written_as.is_empty() {
            String::new()
        } else {
            format!(
                " (written: {})",
                q.written_as.iter().map(|w| md(w)).collect::<Vec<_>>().join(", ")
            )
        };
        let _ = writeln!(out, "### {}{written}\n", md(&q.speaker));
        for item in &q.quotes {
            let _ = writeln!(out, "- « {} » {}", md(&item.text), refs_of(&item.sources));
        }
        let _ = writeln!(out);
    }

    let _ = writeln!(out, "## Sources\n");
    for s in &d.sources {
        let mut meta = Vec::new();
        if let Some(o) = &s.outlet {
            meta.push(md(o));
        }
        match &s.published {
            Some(p) => meta.push(p.clone()),
            None => {
                if let Some(a) = s.dating.anchor {
                    meta.push(format!("undated; anchored on {a} ({})", md(&s.dating.reason)));
                } else {
                    meta.push("undated".to_string());
                }
            }
        }
        if let Some(a) = &s.author {
            meta.push(format!("by {}", md(a)));
        }
        if let Some(a) = &s.agency {
            meta.push(format!("agency {}", md(a)));
        }
        meta.push(s.language.clone());
        if let Some(c) = s.copy_of {
            meta.push(format!("copy of [{c}]"));
        }
        if s.independence_group != s.number {
            meta.push(format!("counts with [{}]", s.independence_group));
        }
        if let Some(u) = &s.url {
            meta.push(md(u));
        }
        let _ = writeln!(out, "{}. **{}** — {}", s.number, md(&s.title), meta.join(" · "));
        for r in &s.dating.resolved {
            let _ = writeln!(
                out,
                "   - `{}` resolved to {}",
                md(&r.text),
                r.after.as_deref().unwrap_or("?")
            );
        }
    }
    if !d.warnings.is_empty() {
        let _ = writeln!(out, "\n## Warnings\n");
        for w in &d.warnings {
            let _ = writeln!(out, "- {}", md(w));
        }
    }
    out
}

/// The qualifiers shown after a value: `hedged` (`26 ou 27`), `planned` (announced, not reported).
fn flag_words(hedged: bool, planned: bool) -> Vec<&'static str> {
    [(hedged, "hedged"), (planned, "planned")]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, w)| w)
        .collect()
}
