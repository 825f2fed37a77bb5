//! In-article chains of name variants (`Assimi Goïta` … `Goïta` … `GOÏTA`),
//! their canonical name and their cross-article key.

use std::collections::BTreeMap;

use recoupe_core::{EntityKind, EntityMention};

use crate::entities::ExtractedEntity;
use crate::resources::Resources;

struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }
    fn find(&mut self, mut x: usize) -> usize {
        while let Some(&p) = self.parent.get(x) {
            if p == x {
                break;
            }
            let grand = self.parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.parent.get_mut(x) {
                *slot = grand;
            }
            x = p;
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller index stays the root: chains are numbered by first mention.
            let (low, high) = if ra < rb { (ra, rb) } else { (rb, ra) };
            if let Some(slot) = self.parent.get_mut(high) {
                *slot = low;
            }
        }
    }
}

fn words(folded: &str) -> Vec<&str> {
    folded.split([' ', '-']).filter(|w| !w.is_empty()).collect()
}

/// Links mentions into chains and fills `canonical`, `key` and `chain`.
pub fn build_chains(
    text: &str,
    entities: Vec<ExtractedEntity>,
    resources: &Resources,
    language: &str,
) -> Vec<EntityMention> {
    let n = entities.len();
    let surfaces: Vec<String> = entities
        .iter()
        .map(|e| e.span.slice(text).unwrap_or("").to_string())
        .collect();
    // Surfaces compared by name key: case, accents, script and Russian case endings aside.
    let folded: Vec<String> = surfaces.iter().map(|s| crate::keys::name_key(s)).collect();
    let mut uf = UnionFind::new(n);
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_surface: BTreeMap<String, usize> = BTreeMap::new();
    for (i, entity) in entities.iter().enumerate() {
        if let Some(key) = &entity.table_key {
            match by_key.get(key) {
                Some(&j) => uf.union(i, j),
                None => {
                    by_key.insert(key.clone(), i);
                }
            }
        }
        if entity.via_demonym {
            continue;
        }
        let surface = folded.get(i).cloned().unwrap_or_default();
        match by_surface.get(&surface) {
            Some(&j) => uf.union(i, j),
            None => {
                by_surface.insert(surface, i);
            }
        }
    }
    // Nominal mentions join the person they stand for.
    let mut first_at_span: std::collections::HashMap<(usize, usize), usize> = std::collections::HashMap::new();
    for (j, e) in entities.iter().enumerate() {
        first_at_span.entry((e.span.start, e.span.end)).or_insert(j);
    }
    for (i, entity) in entities.iter().enumerate() {
        if let Some(target) = entity.refers_to {
            if let Some(&j) = first_at_span.get(&(target.start, target.end)) {
                uf.union(i, j);
            }
        }
    }
    // Acronyms join their long form.
    for (i, entity) in entities.iter().enumerate() {
        if let Some(long) = &entity.long_form {
            if let Some(&j) = by_surface.get(&crate::keys::name_key(long)) {
                uf.union(i, j);
            }
        }
    }
    // Short person names join the nearest earlier (else later) full name that ends with them.
    let word_lists: Vec<Vec<&str>> = folded.iter().map(|s| words(s)).collect();
    for i in 0..n {
        let Some(entity) = entities.get(i) else { continue };
        if entity.via_demonym || entity.acronym || entity.kind == EntityKind::Place && entity.kind_strength >= 3 {
            continue;
        }
        let Some(short) = word_lists.get(i) else { continue };
        if short.is_empty() {
            continue;
        }
        let is_part_of = |j: usize| -> bool {
            let Some(other) = entities.get(j) else { return false };
            if other.kind != EntityKind::Person || other.via_demonym {
                return false;
            }
            let Some(long) = word_lists.get(j) else { return false };
            long.len() > short.len() && long.ends_with(short)
        };
        // A bounded window keeps very long texts linear.
        const WINDOW: usize = 2000;
        let earlier = (i.saturating_sub(WINDOW)..i).rev().find(|&j| is_part_of(j));
        let later = || (i + 1..n.min(i + WINDOW)).find(|&j| is_part_of(j));
        if let Some(j) = earlier.or_else(later) {
            if entity.kind == EntityKind::Person || entity.kind_strength < 3 {
                uf.union(i, j);
            }
        }
    }
    // Chain properties.
    let roots: Vec<usize> = (0..n).map(|i| uf.find(i)).collect();
    let mut chain_index: BTreeMap<usize, usize> = BTreeMap::new();
    for &root in &roots {
        let next = chain_index.len();
        chain_index.entry(root).or_insert(next);
    }
    let mut chain_kind: BTreeMap<usize, (EntityKind, u8)> = BTreeMap::new();
    let mut chain_canonical: BTreeMap<usize, String> = BTreeMap::new();
    let mut chain_key: BTreeMap<usize, String> = BTreeMap::new();
    for (i, entity) in entities.iter().enumerate() {
        let root = roots.get(i).copied().unwrap_or(i);
        if !entity.via_demonym && !entity.nominal {
            let slot = chain_kind.entry(root).or_insert((entity.kind, entity.kind_strength));
            if entity.kind_strength > slot.1 {
                *slot = (entity.kind, entity.kind_strength);
            }
            let candidate = if entity.acronym {
                entity
                    .long_form
                    .clone()
                    .unwrap_or_else(|| surfaces.get(i).cloned().unwrap_or_default())
            } else {
                surfaces.get(i).cloned().unwrap_or_default()
            };
            let better = chain_canonical.get(&root).is_none_or(|current| {
                let (c, n) = (candidate.chars().count(), current.chars().count());
                c > n || (c == n && is_all_caps(current) && !is_all_caps(&candidate))
            });
            if better {
                chain_canonical.insert(root, candidate);
            }
        }
        if let Some(key) = &entity.table_key {
            chain_key.entry(root).or_insert_with(|| key.clone());
        }
    }
    entities
        .into_iter()
        .enumerate()
        .map(|(i, entity)| {
            let root = roots.get(i).copied().unwrap_or(i);
            let surface = surfaces.get(i).cloned().unwrap_or_default();
            let text_copy = surface.clone();
            let canonical = chain_canonical
                .get(&root)
                .cloned()
                .or_else(|| {
                    // A chain made only of demonyms: the entity table's label.
                    let key = entity.table_key.as_ref()?;
                    let entry = resources.gazetteer.entries.iter().find(|e| &e.key == key)?;
                    label_for(entry.names.as_slice(), language)
                })
                .unwrap_or_else(|| surface.clone());
            let key = chain_key
                .get(&root)
                .cloned()
                .unwrap_or_else(|| crate::entity_key_with(resources, &canonical));
            let kind = if entity.via_demonym {
                EntityKind::Place
            } else {
                chain_kind.get(&root).map_or(entity.kind, |(k, _)| *k)
            };
            EntityMention {
                span: entity.span,
                text: surface,
                kind,
                canonical,
                key,
                chain: chain_index.get(&root).copied().unwrap_or(0),
                // A nominal mention is all role: its text.
                role: if entity.nominal { Some(text_copy) } else { entity.role },
                long_form: entity.long_form,
                via_demonym: entity.via_demonym,
            }
        })
        .collect()
}

fn is_all_caps(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// The entity table lists the French name first and the English one second
/// for most entries; pick by language, falling back to the first.
fn label_for(names: &[String], language: &str) -> Option<String> {
    let index =
        usize::from(language.starts_with("en") && names.len() > 1 && names.get(1).is_some_and(|n| n.is_ascii()));
    names.get(index).or_else(|| names.first()).cloned()
}
