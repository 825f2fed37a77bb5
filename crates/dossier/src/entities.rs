//! Entities across articles: one entity per real-world referent, whatever the
//! spelling.
//!
//! Mentions are first grouped by their cross-article key (the analyser folds
//! accents and case, so `Goïta` and `GOITA` already share one). Groups are then
//! merged when:
//! - they belong to one in-article coreference chain;
//! - one is an acronym whose long form is the other (`AES` defined as
//!   `Alliance des États du Sahel`, or its initials);
//! - they differ by one letter in one word of four letters or more, every other
//!   word being equal (`Assim Goita` ~ `Assimi Goita`), and are of one kind;
//! - one is a single word equal to the last word of exactly one multi-word
//!   person (`Goïta` -> `Assimi Goïta`).
//!
//! Every merge is recorded with its reason, so a user can undo a wrong one.

use std::collections::{BTreeMap, BTreeSet};

use recoupe_core::{bounded_edit_distance, fold_key, EntityKind, EntityMention};

use crate::lexicon::Lexicon;
use crate::model::{Citation, Entity, EntityRole};
use crate::sources::{independent_count, Item};
use crate::text::{find_all, words, Pattern};

/// Entities plus the way from a mention to its entity.
pub struct EntityIndex {
    pub entities: Vec<Entity>,
    /// (item index, mention index) -> entity index.
    pub by_mention: BTreeMap<(usize, usize), usize>,
    /// Any member key -> entity index.
    pub by_key: BTreeMap<String, usize>,
}

impl EntityIndex {
    pub fn of_mention(&self, item: usize, mention: usize) -> Option<&Entity> {
        self.by_mention
            .get(&(item, mention))
            .and_then(|e| self.entities.get(*e))
    }

    pub fn of_key(&self, key: &str) -> Option<&Entity> {
        self.by_key.get(key).and_then(|e| self.entities.get(*e))
    }
}

#[derive(Default)]
struct Node {
    key: String,
    kinds: BTreeMap<EntityKind, usize>,
    canonicals: BTreeMap<String, usize>,
    mentions: Vec<(usize, usize)>,
    /// Canonical names met only through a demonym (`sahélienne` -> `Sahelia`).
    demonym_canonicals: BTreeSet<String>,
    /// A long form known only from an acronym definition, with no mention of its own.
    defined_only: bool,
}

impl Node {
    fn kind(&self) -> EntityKind {
        self.kinds
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(k, _)| *k)
            .unwrap_or(EntityKind::Other)
    }
    /// Words of the node's name: its longest canonical form, folded (keys
    /// may be opaque ids such as `Q:assimi_goita`).
    fn tokens(&self) -> Vec<String> {
        let best = self
            .canonicals
            .iter()
            .max_by(|a, b| {
                words(a.0)
                    .len()
                    .cmp(&words(b.0).len())
                    .then_with(|| a.1.cmp(b.1))
                    .then_with(|| b.0.cmp(a.0))
            })
            .map(|(c, _)| fold_key(c))
            .unwrap_or_else(|| self.key.clone());
        best.split([' ', '-'])
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect()
    }
}

struct Sets {
    parent: Vec<usize>,
}

impl Sets {
    fn find(&mut self, i: usize) -> usize {
        let mut r = i;
        while let Some(&p) = self.parent.get(r) {
            if p == r {
                break;
            }
            r = p;
        }
        let mut c = i;
        while let Some(&p) = self.parent.get(c) {
            if p == r {
                break;
            }
            if let Some(slot) = self.parent.get_mut(c) {
                *slot = r;
            }
            c = p;
        }
        r
    }
    fn union(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        if let Some(slot) = self.parent.get_mut(hi) {
            *slot = lo;
        }
        true
    }
}

fn mention_key(m: &EntityMention) -> String {
    if m.key.trim().is_empty() {
        fold_key(&m.canonical)
    } else {
        m.key.clone()
    }
}

/// Initials of the capitalised words of a name (`Alliance des États du Sahel` -> `aes`).
fn initials(name: &str) -> String {
    words(name)
        .iter()
        .filter(|w| w.capitalised)
        .filter_map(|w| w.folded.chars().next())
        .collect()
}

fn looks_like_acronym(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    (2..=8).contains(&letters.len())
        && letters.first().is_some_and(|c| c.is_uppercase())
        && letters.iter().filter(|c| c.is_uppercase()).count() * 2 > letters.len().max(1)
        && !text.contains(' ')
}

fn kind_name(k: EntityKind) -> &'static str {
    match k {
        EntityKind::Person => "person",
        EntityKind::Organisation => "organisation",
        EntityKind::Place => "place",
        EntityKind::Other => "other",
    }
}

fn is_subsequence<S: AsRef<str>>(short: &[S], long: &[S]) -> bool {
    let mut it = long.iter();
    short.iter().all(|w| it.any(|x| x.as_ref() == w.as_ref()))
}

/// Whether two multi-word names differ by one letter in one word (of 4+ letters).
fn one_typo_apart<S: AsRef<str>>(a: &[S], b: &[S]) -> bool {
    if a.len() != b.len() || a.iter().zip(b).all(|(x, y)| x.as_ref() == y.as_ref()) {
        return false;
    }
    let differing: Vec<(&str, &str)> = a
        .iter()
        .zip(b.iter())
        .map(|(x, y)| (x.as_ref(), y.as_ref()))
        .filter(|(x, y)| x != y)
        .collect();
    match differing.as_slice() {
        [(x, y)] => {
            x.chars().count().min(y.chars().count()) >= 4
                && bounded_edit_distance(x, y, 1).is_some()
                && (a.len() > 1 || x.chars().count() >= 7)
        }
        _ => false,
    }
}

pub fn build(items: &[Item<'_>]) -> EntityIndex {
    let mut nodes: Vec<Node> = Vec::new();
    let mut node_of_key: BTreeMap<String, usize> = BTreeMap::new();
    let mut node_for = |nodes: &mut Vec<Node>, key: &str| -> usize {
        *node_of_key.entry(key.to_string()).or_insert_with(|| {
            nodes.push(Node {
                key: key.to_string(),
                ..Node::default()
            });
            nodes.len() - 1
        })
    };
    for (ii, item) in items.iter().enumerate() {
        for (mi, m) in item.analysis.entities.iter().enumerate() {
            if !m.span.is_valid_in(&item.article.text) {
                continue;
            }
            let n = node_for(&mut nodes, &mention_key(m));
            if let Some(node) = nodes.get_mut(n) {
                *node.kinds.entry(m.kind).or_default() += 1;
                if m.via_demonym {
                    node.demonym_canonicals.insert(m.canonical.clone());
                } else {
                    *node.canonicals.entry(m.canonical.clone()).or_default() += 1;
                }
                node.mentions.push((ii, mi));
            }
        }
    }
    // Long forms of acronyms, as nodes of their own when never mentioned.
    let mut long_forms: Vec<(usize, String, usize)> = Vec::new();
    for (ii, item) in items.iter().enumerate() {
        for m in &item.analysis.entities {
            if let Some(long) = m.long_form.as_deref().filter(|l| !l.trim().is_empty()) {
                let acronym_node = node_for(&mut nodes, &mention_key(m));
                let long_node = node_for(&mut nodes, &fold_key(long));
                if let Some(node) = nodes.get_mut(long_node) {
                    if node.mentions.is_empty() {
                        node.defined_only = true;
                        *node.canonicals.entry(long.to_string()).or_default() += 1;
                        *node.kinds.entry(m.kind).or_default() += 1;
                    }
                }
                long_forms.push((acronym_node, long.to_string(), long_node));
                let _ = ii;
            }
        }
    }
    let mut sets = Sets {
        parent: (0..nodes.len()).collect(),
    };
    let mut reasons: Vec<(usize, String)> = Vec::new();

    // In-article coreference chains.
    let mut chain_first: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (n, node) in nodes.iter().enumerate() {
        for (ii, mi) in &node.mentions {
            let Some(m) = items.get(*ii).and_then(|it| it.analysis.entities.get(*mi)) else {
                continue;
            };
            let first = *chain_first.entry((*ii, m.chain)).or_insert(n);
            if first != n && sets.union(first, n) {
                let other = nodes.get(first).map(|x| x.key.as_str()).unwrap_or("");
                reasons.push((
                    n,
                    format!("coreference in [{}]: {} = {}", items[*ii].number, node.key, other),
                ));
            }
        }
    }
    // Acronyms defined in the text.
    for (acronym_node, long, long_node) in &long_forms {
        if sets.union(*acronym_node, *long_node) {
            let short = nodes.get(*acronym_node).map(|x| x.key.clone()).unwrap_or_default();
            reasons.push((*acronym_node, format!("acronym: {short} = {long}")));
        }
    }
    // Names, kinds and lookup tables are computed once: the loops below
    // compare each node with the few that share a word or initials, not with
    // all others, so a story with tens of thousands of names stays near-linear.
    let toks: Vec<Vec<String>> = nodes.iter().map(Node::tokens).collect();
    let kinds: Vec<EntityKind> = nodes.iter().map(Node::kind).collect();
    let mut by_initials: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut persons_by_last: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (b, node) in nodes.iter().enumerate() {
        if toks[b].len() >= 2 {
            let mut seen = BTreeSet::new();
            for c in node.canonicals.keys().filter(|c| c.len() > 4) {
                let i = initials(c);
                if seen.insert(i.clone()) {
                    by_initials.entry(i).or_default().push(b);
                }
            }
        }
        if kinds[b] == EntityKind::Person {
            if let Some(last) = toks[b].last() {
                persons_by_last.entry(last.as_str()).or_default().push(b);
            }
        }
    }
    // Acronyms by initials, when exactly one multi-word name has them.
    for a in 0..nodes.len() {
        let is_acronym = nodes[a].canonicals.keys().any(|c| looks_like_acronym(c))
            || nodes[a].mentions.iter().any(|(ii, mi)| {
                items
                    .get(*ii)
                    .and_then(|it| it.analysis.entities.get(*mi))
                    .is_some_and(|m| looks_like_acronym(&m.text))
            });
        if !is_acronym || toks[a].len() != 1 {
            continue;
        }
        let candidates: Vec<usize> = by_initials
            .get(&nodes[a].key)
            .map(|v| v.iter().copied().filter(|b| *b != a).collect())
            .unwrap_or_default();
        let roots: BTreeSet<usize> = candidates.iter().map(|b| sets.find(*b)).collect();
        if roots.len() == 1 {
            if let Some(b) = candidates.first() {
                if sets.union(a, *b) {
                    reasons.push((a, format!("acronym: {} = initials of {}", nodes[a].key, nodes[*b].key)));
                }
            }
        }
    }
    // One-letter typos in one word, same kind. Candidate pairs share a
    // deletion key (the word with at most one letter removed, the other words
    // as they are), which every pair one edit apart does; they are then
    // checked in the order of a full pairwise scan.
    let mut buckets: BTreeMap<(EntityKind, usize, usize, String), Vec<usize>> = BTreeMap::new();
    for (a, words) in toks.iter().enumerate() {
        if nodes[a].defined_only {
            continue;
        }
        for (p, w) in words.iter().enumerate() {
            let rest: Vec<&str> = words
                .iter()
                .enumerate()
                .map(|(i, x)| if i == p { "" } else { x.as_str() })
                .collect();
            let rest = rest.join(" ");
            let chars: Vec<char> = w.chars().collect();
            let mut variants: BTreeSet<String> = BTreeSet::new();
            variants.insert(w.clone());
            for skip in 0..chars.len() {
                variants.insert(
                    chars
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| *i != skip)
                        .map(|(_, c)| *c)
                        .collect(),
                );
            }
            for v in variants {
                buckets
                    .entry((kinds[a], words.len(), p, format!("{rest}\u{0}{v}")))
                    .or_default()
                    .push(a);
            }
        }
    }
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    for members in buckets.values() {
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                if a != b {
                    pairs.insert((a.min(b), a.max(b)));
                }
            }
        }
    }
    for (a, b) in pairs {
        if kinds[a] != kinds[b] || nodes[a].defined_only || nodes[b].defined_only {
            continue;
        }
        if one_typo_apart(&toks[a], &toks[b]) && sets.union(a, b) {
            reasons.push((b, format!("typo: {} ~ {}", nodes[b].key, nodes[a].key)));
        }
    }
    // A shorter form of a person's name (`John Mahama` for `John Dramani
    // Mahama`): same first and last word, the rest a subsequence, one candidate.
    for a in 0..nodes.len() {
        let short = &toks[a];
        if short.len() < 2 || kinds[a] != EntityKind::Person {
            continue;
        }
        let candidates: Vec<usize> = short
            .last()
            .and_then(|l| persons_by_last.get(l.as_str()))
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|b| *b != a)
                    .filter(|b| {
                        let long = &toks[*b];
                        long.len() > short.len() && long.first() == short.first() && is_subsequence(short, long)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let roots: BTreeSet<usize> = candidates.iter().map(|b| sets.find(*b)).collect();
        if roots.len() == 1 {
            if let Some(b) = candidates.first() {
                if sets.union(a, *b) {
                    reasons.push((a, format!("short form: {} = {}", nodes[a].key, nodes[*b].key)));
                }
            }
        }
    }
    // A surname alone, when exactly one multi-word person ends with it.
    for a in 0..nodes.len() {
        let tokens = &toks[a];
        if tokens.len() != 1 || matches!(kinds[a], EntityKind::Place) {
            continue;
        }
        let Some(word) = tokens.first() else { continue };
        if word.chars().count() < 3 {
            continue;
        }
        let candidates: Vec<usize> = persons_by_last
            .get(word.as_str())
            .map(|v| v.iter().copied().filter(|b| *b != a && toks[*b].len() >= 2).collect())
            .unwrap_or_default();
        let roots: BTreeSet<usize> = candidates.iter().map(|b| sets.find(*b)).collect();
        if roots.len() == 1 {
            if let Some(b) = candidates.first() {
                if sets.union(a, *b) {
                    reasons.push((a, format!("surname: {} = {}", nodes[a].key, nodes[*b].key)));
                }
            }
        }
    }

    // Gather sets.
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for n in 0..nodes.len() {
        groups.entry(sets.find(n)).or_default().push(n);
    }
    let lexicon = Lexicon::all();
    // Merge reasons by group, read per group (not all reasons per group).
    let mut reasons_of_group: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (n, reason) in &reasons {
        reasons_of_group.entry(sets.find(*n)).or_default().push(reason.clone());
    }
    let mut built: Vec<(Entity, Vec<usize>)> = Vec::new();
    for (root, members) in &groups {
        let mentions: Vec<(usize, usize)> = {
            let mut v: Vec<(usize, usize)> = members.iter().flat_map(|n| nodes[*n].mentions.clone()).collect();
            v.sort_unstable();
            v
        };
        if mentions.is_empty() {
            continue;
        }
        let mut kinds: BTreeMap<EntityKind, usize> = BTreeMap::new();
        let mut canonicals: BTreeMap<String, usize> = BTreeMap::new();
        for n in members {
            for (k, c) in &nodes[*n].kinds {
                *kinds.entry(*k).or_default() += c;
            }
            for (c, k) in &nodes[*n].canonicals {
                *canonicals.entry(c.clone()).or_default() += k;
            }
        }
        if canonicals.is_empty() {
            // Only ever named through a demonym: the place it points to is the name.
            for n in members {
                for c in &nodes[*n].demonym_canonicals {
                    *canonicals.entry(c.clone()).or_default() += 1;
                }
            }
        }
        let kind = kinds
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(k, _)| *k)
            .unwrap_or(EntityKind::Other);
        // The name: most words, then most used, then with diacritics, then alphabetical.
        let name = canonicals
            .iter()
            .max_by(|a, b| {
                let wa = words(a.0).len();
                let wb = words(b.0).len();
                wa.cmp(&wb)
                    .then_with(|| a.1.cmp(b.1))
                    .then_with(|| (!a.0.is_ascii()).cmp(&!b.0.is_ascii()))
                    .then_with(|| b.0.cmp(a.0))
            })
            .map(|(c, _)| c.clone())
            .unwrap_or_default();
        let mut aliases: BTreeSet<String> = BTreeSet::new();
        let mut acronym_counts: BTreeMap<String, usize> = BTreeMap::new();
        let mut sources: BTreeSet<usize> = BTreeSet::new();
        let mut citations: BTreeMap<(usize, usize), Citation> = BTreeMap::new();
        let mut roles: BTreeMap<String, EntityRole> = BTreeMap::new();
        // Citations already in each role: a role said of every mention of a
        // name (thousands in a long text) is not searched citation by citation.
        let mut cited_in_role: BTreeMap<String, std::collections::HashSet<Citation>> = BTreeMap::new();
        for (ii, mi) in &mentions {
            let Some(item) = items.get(*ii) else { continue };
            let Some(m) = item.analysis.entities.get(*mi) else {
                continue;
            };
            sources.insert(item.number);
            if !m.via_demonym {
                aliases.insert(m.text.clone());
                aliases.insert(m.canonical.clone());
                if looks_like_acronym(&m.text) && kind != EntityKind::Person {
                    *acronym_counts.entry(m.text.clone()).or_default() += 1;
                }
            }
            let Some(cite) = item.cite(m.span.start, m.span.end) else {
                continue;
            };
            citations
                .entry((cite.source, cite.sentence))
                .or_insert_with(|| cite.clone());
            let mut role_texts: Vec<(String, Option<String>)> = Vec::new();
            if let Some(role) = m.role.as_deref().filter(|r| !r.trim().is_empty()) {
                role_texts.push((role.trim().to_string(), rank_in(lexicon, role).map(|(name, _)| name)));
            }
            if kind == EntityKind::Person {
                if let Some((rank_text, rank)) = rank_before(lexicon, item, m.span.start) {
                    if !role_texts.iter().any(|(_, r)| r.as_deref() == Some(rank.as_str())) {
                        role_texts.push((rank_text, Some(rank)));
                    }
                }
            }
            for (role, rank) in role_texts {
                let role_key = fold_key(&role);
                let cited = cited_in_role.entry(role_key.clone()).or_default();
                let entry = roles.entry(role_key).or_insert_with(|| EntityRole {
                    role: role.clone(),
                    rank: rank.clone(),
                    sources: Vec::new(),
                    citations: Vec::new(),
                });
                if !entry.sources.contains(&item.number) {
                    entry.sources.push(item.number);
                }
                if cited.insert(cite.clone()) {
                    entry.citations.push(cite.clone());
                }
            }
        }
        aliases.remove(&name);
        let sources: Vec<usize> = sources.into_iter().collect();
        let mut merges: Vec<String> = reasons_of_group.remove(root).unwrap_or_default();
        merges.sort();
        merges.dedup();
        let mut keys: Vec<String> = members.iter().map(|n| nodes[*n].key.clone()).collect();
        keys.sort();
        let mut roles: Vec<EntityRole> = roles.into_values().collect();
        roles.sort_by(|a, b| b.sources.len().cmp(&a.sources.len()).then_with(|| a.role.cmp(&b.role)));
        let acronym = acronym_counts
            .iter()
            .max_by(|a, b| {
                let upper = |s: &str| s.chars().filter(|c| c.is_uppercase()).count();
                upper(a.0)
                    .cmp(&upper(b.0))
                    .then_with(|| a.1.cmp(b.1))
                    .then_with(|| b.0.cmp(a.0))
            })
            .map(|(a, _)| a.clone());
        let entity = Entity {
            id: String::new(),
            name,
            kind: kind_name(kind).to_string(),
            aliases: aliases.into_iter().collect(),
            acronym,
            keys,
            roles,
            independent_outlets: independent_count(items, &sources),
            sources,
            mention_count: mentions.len(),
            merges,
            citations: citations.into_values().collect(),
        };
        built.push((entity, members.clone()));
    }
    built.sort_by(|a, b| {
        b.0.independent_outlets
            .cmp(&a.0.independent_outlets)
            .then_with(|| b.0.mention_count.cmp(&a.0.mention_count))
            .then_with(|| a.0.name.cmp(&b.0.name))
            .then_with(|| a.0.keys.cmp(&b.0.keys))
    });
    let mut by_mention = BTreeMap::new();
    let mut by_key = BTreeMap::new();
    let mut entities = Vec::new();
    for (i, (mut entity, members)) in built.into_iter().enumerate() {
        entity.id = format!("e{}", i + 1);
        for n in &members {
            by_key.insert(nodes[*n].key.clone(), i);
            for m in &nodes[*n].mentions {
                by_mention.insert(*m, i);
            }
        }
        entities.push(entity);
    }
    EntityIndex {
        entities,
        by_mention,
        by_key,
    }
}

/// The rank named inside a role (`président de la Transition, général d'armée`):
/// its name in the ontology and the words as written.
pub fn rank_in(lexicon: &Lexicon, role: &str) -> Option<(String, String)> {
    let ws = words(role);
    let pats: Vec<&Pattern> = lexicon.ranks.iter().map(|r| &r.pattern).collect();
    let (at, len, k) = find_all(&pats, &ws)
        .into_iter()
        .max_by_key(|(at, len, _)| (*len, std::cmp::Reverse(*at)))?;
    let rank = lexicon.ranks.get(k)?;
    let (first, last) = (ws.get(at)?, ws.get(at + len - 1)?);
    Some((
        rank.pattern.source.clone(),
        role.get(first.start..last.end)?.to_string(),
    ))
}

/// A rank written right before a person's name (`le général d'armée Assimi Goïta`):
/// the words as written, and the rank's name in the ontology.
fn rank_before(lexicon: &Lexicon, item: &Item<'_>, mention_start: usize) -> Option<(String, String)> {
    let sentence = item.article.sentence_at(mention_start)?;
    let span = item.article.sentences.get(sentence)?;
    let text = item.article.text.get(span.start..mention_start)?;
    // Only the last words can hold the rank: read from a whitespace far enough
    // back (a word never spans one) instead of the whole sentence per mention.
    let longest = lexicon.ranks.iter().map(|r| r.pattern.len()).max().unwrap_or(0);
    let text = text.get(tail_start(text, longest + 2)..)?;
    let ws = words(text);
    // Only a rank directly before the name: nothing but spaces between them.
    let last = ws.last()?;
    if !text.get(last.end..)?.trim().is_empty() {
        return None;
    }
    let best = lexicon
        .ranks
        .iter()
        .filter(|r| r.pattern.matches_ending_at(&ws, ws.len()))
        .max_by_key(|r| r.pattern.len())?;
    let first = ws.get(ws.len() - best.pattern.len())?;
    let written = text.get(first.start..last.end)?.to_string();
    Some((written, best.pattern.source.clone()))
}

/// Byte offset right after the whitespace that leaves `chunks` runs of
/// non-whitespace after it (0 when the text has fewer).
fn tail_start(text: &str, chunks: usize) -> usize {
    let mut seen = 0;
    let mut in_chunk = false;
    for (i, c) in text.char_indices().rev() {
        if c.is_whitespace() {
            if in_chunk {
                seen += 1;
                if seen >= chunks {
                    return i + c.len_utf8();
                }
            }
            in_chunk = false;
        } else {
            in_chunk = true;
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typo_rule_needs_one_letter_in_one_long_word() {
        assert!(one_typo_apart(&["assim", "goita"], &["assimi", "goita"]));
        assert!(!one_typo_apart(&["assim", "goita"], &["assimi", "goitas"]));
        assert!(!one_typo_apart(&["mali"], &["bali"]));
        assert!(!one_typo_apart(&["jean", "dupont"], &["jean", "dupond", "x"]));
    }

    #[test]
    fn initials_skip_function_words() {
        assert_eq!(initials("Alliance des États du Sahel"), "aes");
        assert_eq!(initials("Organisation des Nations Unies"), "onu");
        assert!(looks_like_acronym("AES"));
        assert!(!looks_like_acronym("Aes"));
        assert!(!looks_like_acronym("Mali"));
    }
}
