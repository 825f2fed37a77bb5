//! Scoring a clustering against a reference: pairwise precision, recall and F1
//! (of the pairs put together), and B-cubed F1 (per item, then averaged), the
//! two measures news-clustering work reports. Used by the benches and tests,
//! and by anyone checking stories against their own labels.

use std::collections::BTreeMap;

/// How well one partition of items matches another.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct PartitionScores {
    /// Share of the pairs put together that are together in the reference.
    pub precision: f64,
    /// Share of the reference's pairs that are put together.
    pub recall: f64,
    pub f1: f64,
    pub bcubed_precision: f64,
    pub bcubed_recall: f64,
    pub bcubed_f1: f64,
}

/// Compares `predicted` with `truth`, two labellings of the same items (item `i`
/// has label `predicted[i]` and `truth[i]`; extra items on either side are
/// ignored). Linear in the number of items: pairs are counted per cell of the
/// contingency table, never enumerated. With no pair on a side its precision
/// (or recall) is 1.
pub fn compare_partitions<T: Ord + Copy>(predicted: &[T], truth: &[T]) -> PartitionScores {
    let mut cells: BTreeMap<(T, T), u64> = BTreeMap::new();
    let mut by_predicted: BTreeMap<T, u64> = BTreeMap::new();
    let mut by_truth: BTreeMap<T, u64> = BTreeMap::new();
    for (&p, &t) in predicted.iter().zip(truth) {
        *cells.entry((p, t)).or_insert(0) += 1;
        *by_predicted.entry(p).or_insert(0) += 1;
        *by_truth.entry(t).or_insert(0) += 1;
    }
    let pairs = |n: u64| n * n.saturating_sub(1) / 2;
    let together: u64 = cells.values().map(|&n| pairs(n)).sum();
    let predicted_pairs: u64 = by_predicted.values().map(|&n| pairs(n)).sum();
    let true_pairs: u64 = by_truth.values().map(|&n| pairs(n)).sum();
    let ratio = |a: u64, b: u64| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let precision = ratio(together, predicted_pairs);
    let recall = ratio(together, true_pairs);
    let items = predicted.len().min(truth.len()).max(1) as f64;
    let (mut bcubed_precision, mut bcubed_recall) = (0.0, 0.0);
    for (&(p, t), &count) in &cells {
        let count = count as f64;
        bcubed_precision += count * count / by_predicted.get(&p).copied().unwrap_or(1) as f64;
        bcubed_recall += count * count / by_truth.get(&t).copied().unwrap_or(1) as f64;
    }
    let (bcubed_precision, bcubed_recall) = (bcubed_precision / items, bcubed_recall / items);
    PartitionScores {
        precision,
        recall,
        f1: harmonic_mean(precision, recall),
        bcubed_precision,
        bcubed_recall,
        bcubed_f1: harmonic_mean(bcubed_precision, bcubed_recall),
    }
}

fn harmonic_mean(a: f64, b: f64) -> f64 {
    if a + b == 0.0 {
        0.0
    } else {
        2.0 * a * b / (a + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(predicted: &[u8], truth: &[u8], expected: (f64, f64, f64)) {
        let s = compare_partitions(predicted, truth);
        let got = (s.precision, s.recall, s.bcubed_f1);
        assert!(
            (got.0 - expected.0).abs() < 1e-9 && (got.1 - expected.1).abs() < 1e-9 && (got.2 - expected.2).abs() < 1e-9,
            "{predicted:?} vs {truth:?}: {got:?} != {expected:?}"
        );
    }

    #[test]
    fn scores_known_partitions() {
        // Identical partitions (labels may differ).
        check(&[0, 0, 1, 1], &[5, 5, 7, 7], (1.0, 1.0, 1.0));
        // Everything in one cluster: 2 of 6 pairs right, all true pairs found.
        // B³ precision: each item shares its cluster of 4 with 2 of its kind: 0.5.
        check(&[0, 0, 0, 0], &[1, 1, 2, 2], (2.0 / 6.0, 1.0, 2.0 * 0.5 / 1.5));
        // All singletons: no predicted pair (precision 1), no true pair found.
        check(&[0, 1, 2, 3], &[1, 1, 2, 2], (1.0, 0.0, 2.0 * 0.5 / 1.5));
    }

    #[test]
    fn empty_input_gives_finite_scores() {
        let s = compare_partitions::<u8>(&[], &[]);
        assert_eq!((s.precision, s.recall), (1.0, 1.0));
        assert!(s.bcubed_f1.is_finite());
    }
}
