//! Copies of one dispatch: MinHash over word shingles finds candidates through
//! LSH bands, then the exact shingle containment decides.
//!
//! Containment (shared shingles over the shingles of the shorter text) rather
//! than Jaccard, so that a shortened reprint, or one with an added paragraph, is
//! still a copy of the full dispatch.

use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::score::count_shared;

/// LSH bands and rows per band: 32 bands of 2 rows find pairs from a Jaccard of
/// about 0.25 (a shortened reprint of a third of the original) with probability 0.87.
pub const BANDS: usize = 32;
pub const ROWS: usize = 2;

/// Band keys of a shingle set (one key per band, band number mixed in).
///
/// One-permutation MinHash: each shingle is hashed once and kept in one of
/// `BANDS * ROWS` bins by its high bits (the minimum per bin); empty bins borrow
/// from the next non-empty bin (rotation densification), so short texts still
/// get comparable signatures. 64 times cheaper than 64 independent hashes.
pub fn band_keys(shingles: &[u32]) -> Vec<u64> {
    if shingles.is_empty() {
        return Vec::new();
    }
    const BINS: usize = BANDS * ROWS;
    let mut minima = [u64::MAX; BINS];
    for &s in shingles {
        let h = mix(u64::from(s) ^ SEEDS[0]);
        let bin = ((h >> 58) as usize) % BINS;
        let value = h & ((1u64 << 58) - 1);
        if let Some(slot) = minima.get_mut(bin) {
            if value < *slot {
                *slot = value;
            }
        }
    }
    let filled: [u64; BINS] = std::array::from_fn(|i| {
        (0..BINS)
            .map(|step| ((i + step) % BINS, step))
            .find_map(|(j, step)| {
                minima
                    .get(j)
                    .filter(|v| **v != u64::MAX)
                    .map(|v| v.wrapping_add((step as u64).wrapping_mul(SEEDS[1])))
            })
            .unwrap_or(u64::MAX)
    });
    filled
        .chunks(ROWS)
        .enumerate()
        .map(|(band, rows)| {
            let mut bytes = [0u8; 8 * ROWS];
            for (k, v) in rows.iter().enumerate() {
                if let Some(dst) = bytes.get_mut(k * 8..k * 8 + 8) {
                    dst.copy_from_slice(&v.to_le_bytes());
                }
            }
            xxh3_64_with_seed(&bytes, band as u64)
        })
        .collect()
}

/// A strong 64-bit mixer (splitmix64 finaliser).
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// Fixed seeds of the hashing (splitmix64 sequence from 1).
const SEEDS: [u64; 2] = {
    let mut out = [0u64; 2];
    let mut state: u64 = 1;
    let mut i = 0;
    while i < 2 {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        out[i] = z ^ (z >> 31);
        i += 1;
    }
    out
};

/// Approximate document frequencies of shingles over the recent stream (a
/// count-min sketch of fixed size), so that stock phrases shared by many
/// unrelated articles (boilerplate, formulas, templates) do not make them copies.
///
/// All counts are halved whenever the increments since the last halving reach
/// [`AGING_INCREMENTS`] per row (two per cell on average): a fixed-size sketch fed
/// forever would otherwise fill up (at a million articles every cell would hold
/// hundreds) and every shingle would look like a stock phrase. Tying the halving
/// to the increments rather than to the documents keeps the background count of
/// a never-seen shingle at about 2 to 4 whatever the length of the articles, far
/// below `copy_common_df`, for a stream of any length, at a cost of a few
/// operations per shingle.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub struct ShingleCounter {
    rows: Vec<Vec<u16>>,
    increments_since_aging: u64,
}

/// Increments (per row) between two halvings of the shingle counts.
pub const AGING_INCREMENTS: u64 = 2 << COUNTER_WIDTH_BITS;

const COUNTER_WIDTH_BITS: u32 = 21;

impl Default for ShingleCounter {
    fn default() -> Self {
        ShingleCounter {
            rows: vec![vec![0u16; 1 << COUNTER_WIDTH_BITS]; 2],
            increments_since_aging: 0,
        }
    }
}

impl std::fmt::Debug for ShingleCounter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ShingleCounter")
            .field("rows", &self.rows.len())
            .finish()
    }
}

impl ShingleCounter {
    fn cells(shingle: u32) -> [usize; 2] {
        let h = mix(u64::from(shingle));
        let mask = (1u64 << COUNTER_WIDTH_BITS) - 1;
        [(h & mask) as usize, ((h >> 32) & mask) as usize]
    }

    /// Counts one document's (deduplicated) shingles.
    pub fn add_document(&mut self, shingles: &[u32]) {
        for &s in shingles {
            for (row, cell) in self.rows.iter_mut().zip(Self::cells(s)) {
                if let Some(c) = row.get_mut(cell) {
                    *c = c.saturating_add(1);
                }
            }
        }
        self.increments_since_aging += shingles.len() as u64;
        if self.increments_since_aging >= AGING_INCREMENTS {
            self.increments_since_aging = 0;
            for row in &mut self.rows {
                for c in row.iter_mut() {
                    *c >>= 1;
                }
            }
        }
    }

    /// Upper estimate of how many documents contained the shingle.
    pub fn count(&self, shingle: u32) -> u16 {
        self.rows
            .iter()
            .zip(Self::cells(shingle))
            .map(|(row, cell)| row.get(cell).copied().unwrap_or(0))
            .min()
            .unwrap_or(0)
    }

    /// The shingles seen in at most `max_df` documents so far.
    #[cfg(test)]
    pub fn rare(&self, shingles: &[u32], max_df: u16) -> Vec<u32> {
        shingles.iter().copied().filter(|&s| self.count(s) <= max_df).collect()
    }
}

/// Shared shingles and containment over the shorter set.
pub fn containment(a: &[u32], b: &[u32]) -> (usize, f64) {
    let shorter = a.len().min(b.len());
    if shorter == 0 {
        return (0, 0.0);
    }
    let shared = count_shared(a, b);
    (shared, shared as f64 / shorter as f64)
}

/// Containment at which two texts are the same text whatever their phrases:
/// the rare-shingle test below cannot see a dispatch reprinted so often that
/// all its shingles became frequent.
pub const NEAR_IDENTICAL: f64 = 0.9;

/// Whether two shingle sets are copies; returns the containment.
///
/// `is_rare` tells the shingles seen in few documents: containment is measured
/// on those, so that two articles sharing only stock phrases are not copies.
pub fn copy_score(
    a: &[u32],
    b: &[u32],
    min_containment: f64,
    min_shared: usize,
    is_rare: impl Fn(u32) -> bool,
) -> Option<f64> {
    let (shared, full) = containment(a, b);
    if shared < min_shared {
        return None;
    }
    if full >= NEAR_IDENTICAL {
        return Some(full);
    }
    let rare_a: Vec<u32> = a.iter().copied().filter(|&s| is_rare(s)).collect();
    let rare_b: Vec<u32> = b.iter().copied().filter(|&s| is_rare(s)).collect();
    let (rare_shared, rare) = containment(&rare_a, &rare_b);
    (rare_shared >= min_shared && rare >= min_containment).then_some(rare)
}

/// Shingles a shared passage needs between two texts whose shorter one has
/// `shorter` shingles: `min_passage`, and `share` of the shorter text. 0 when the
/// passage test is disabled (`min_passage` 0).
pub fn min_passage(min_passage: usize, share: f64, shorter: usize) -> usize {
    if min_passage == 0 {
        return 0;
    }
    min_passage.max((share * shorter as f64).ceil() as usize)
}

/// Sentence ends a shared passage must go across (three sentences in a row).
pub const MIN_PASSAGE_BREAKS: usize = 1;

/// Shingles of a shared stretch before a sentence end counts (a sentence of
/// about nine words or more): page furniture is made of short lines.
pub const MIN_SENTENCE_SHINGLES: usize = 6;

/// Longest passage both texts contain, whatever surrounds it in each: the longest
/// run of consecutive shingles of `sequence` (one text, in order, each marked when
/// it spans a sentence end) that are rare and found in `other` (the other text's
/// sorted shingle set). Only runs that go on across [`MIN_PASSAGE_BREAKS`] sentence
/// ends count: independent articles may share a sentence or two (a quotation, a
/// stock formula, a template) but hardly three sentences in the same order.
pub fn longest_shared_passage(sequence: &[(u32, bool)], other: &[u32], is_rare: impl Fn(u32) -> bool) -> usize {
    let (mut run, mut breaks, mut since_break, mut best) = (0usize, 0usize, 0usize, 0usize);
    for &(s, spans_break) in sequence {
        if other.binary_search(&s).is_ok() && is_rare(s) {
            run += 1;
            since_break += 1;
            // A sentence end counts when a whole sentence (not a one-line menu item,
            // a credit, a footer line) was shared since the last one.
            if spans_break && since_break >= MIN_SENTENCE_SHINGLES {
                breaks += 1;
                since_break = 0;
            }
            if breaks >= MIN_PASSAGE_BREAKS {
                best = best.max(run);
            }
        } else {
            run = 0;
            breaks = 0;
            since_break = 0;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_sets_share_every_band() {
        let s: Vec<u32> = (0..200).collect();
        assert_eq!(band_keys(&s), band_keys(&s));
        assert_eq!(band_keys(&s).len(), BANDS);
    }

    #[test]
    fn subset_has_full_containment() {
        let full: Vec<u32> = (0..300).collect();
        let part: Vec<u32> = (0..100).collect();
        assert_eq!(containment(&full, &part), (100, 1.0));
        assert_eq!(copy_score(&full, &part, 0.5, 8, |_| true), Some(1.0));
        let other: Vec<u32> = (1000..1100).collect();
        assert_eq!(copy_score(&full, &other, 0.5, 8, |_| true), None);
    }

    #[test]
    fn stock_phrases_do_not_make_copies() {
        // Half of each text is shared stock phrases (frequent), the rest differs.
        let a: Vec<u32> = (0..100).chain(1000..1100).collect();
        let b: Vec<u32> = (0..100).chain(2000..2100).collect();
        assert_eq!(copy_score(&a, &b, 0.5, 8, |_| true), Some(0.5));
        assert_eq!(copy_score(&a, &b, 0.5, 8, |s| s >= 100), None);
    }

    #[test]
    fn counter_counts_documents() {
        let mut c = ShingleCounter::default();
        c.add_document(&[1, 2]);
        c.add_document(&[2]);
        assert!(c.count(2) >= 2);
        assert_eq!(c.rare(&[1, 2], 1), vec![1]);
    }

    #[test]
    fn counter_forgets_old_documents() {
        let mut c = ShingleCounter::default();
        for _ in 0..40 {
            c.add_document(&[7]);
        }
        assert!(c.count(7) >= 40);
        // A long stream of other documents of 500 shingles each (12 million
        // increments, two halvings): the old phrase fades, and a shingle never
        // seen still reads far below the stock-phrase threshold.
        let mut next = 1_000_000u32;
        for _ in 0..24_000 {
            let document: Vec<u32> = (next..next + 500).collect();
            next += 500;
            c.add_document(&document);
        }
        // 40 halved twice, plus the background: under the default stock-phrase
        // threshold of 20 again.
        assert!(c.count(7) < 20, "{}", c.count(7));
        let fresh = c.count(u32::MAX - 3);
        assert!(fresh <= 6, "a never-seen shingle reads {fresh}");
        c.add_document(&[7]);
        assert!(c.count(7) >= 1);
    }
}
