//! The optional semantic signal: a sentence embedding of the article (a
//! multilingual encoder such as `recoupe-embed`, computed by the caller), which
//! bridges languages and scripts where words and names do not.
//!
//! The engine never needs it: without embeddings every score is the lexical one.
//! With them, an article is compared with the articles and stories of the window
//! also on the cosine of the embeddings, and candidates are found through
//! random-hyperplane LSH bands (sign bits of projections), so that an article in
//! another language that shares no word with a story can still meet it.

use serde::{Deserialize, Serialize};

/// Bands of the semantic LSH and sign bits per band. 16 bands of 8 bits find a
/// pair at cosine 0.6 (about 53 degrees) with probability 0.64 and at 0.75 with
/// 0.93, while two unrelated articles (cosine about 0.2) share a band with
/// probability 0.16 — and candidates met through the other indexes are scored on
/// the embedding anyway.
pub const SEMANTIC_BANDS: usize = 16;
pub const SEMANTIC_BITS: usize = 8;

/// An embedding kept compactly: components quantised to `i8` on the vector's
/// own scale (cosines are unchanged to about 1e-3), with the norm of the
/// quantised vector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Embedding {
    values: Vec<i8>,
    norm: f32,
}

impl Embedding {
    /// Quantises a vector; `None` for an empty, zero or non-finite one.
    pub fn new(vector: &[f32]) -> Option<Embedding> {
        if vector.is_empty() || vector.iter().any(|x| !x.is_finite()) {
            return None;
        }
        let max = vector.iter().fold(0.0f32, |m, x| m.max(x.abs()));
        if max <= 0.0 {
            return None;
        }
        let scale = 127.0 / max;
        let values: Vec<i8> = vector
            .iter()
            .map(|x| (x * scale).round().clamp(-127.0, 127.0) as i8)
            .collect();
        let norm = values.iter().map(|&v| f32::from(v) * f32::from(v)).sum::<f32>().sqrt();
        (norm > 0.0).then_some(Embedding { values, norm })
    }

    /// Cosine with another embedding of the same size (0 when the sizes differ).
    pub fn cosine(&self, other: &Embedding) -> f64 {
        if self.values.len() != other.values.len() {
            return 0.0;
        }
        let dot: i32 = self
            .values
            .iter()
            .zip(&other.values)
            .map(|(&a, &b)| i32::from(a) * i32::from(b))
            .sum();
        (f64::from(dot) / (f64::from(self.norm) * f64::from(other.norm))).clamp(-1.0, 1.0)
    }

    /// The unit vector (for story centroids).
    pub fn unit(&self) -> impl Iterator<Item = f32> + '_ {
        self.values.iter().map(move |&v| f32::from(v) / self.norm)
    }

    /// One LSH key per band: the band number and the sign bits of the vector's
    /// projections on that band's fixed random hyperplanes (±1 components drawn
    /// from a fixed seed, so keys are the same in every process and version).
    pub fn band_keys(&self) -> Vec<u32> {
        (0..SEMANTIC_BANDS)
            .map(|band| {
                let mut key = 0u32;
                for bit in 0..SEMANTIC_BITS {
                    let plane = (band * SEMANTIC_BITS + bit) as u64;
                    let projection: i32 = self
                        .values
                        .iter()
                        .enumerate()
                        .map(|(dim, &v)| {
                            if plane_sign(plane, dim as u64) {
                                i32::from(v)
                            } else {
                                -i32::from(v)
                            }
                        })
                        .sum();
                    if projection >= 0 {
                        key |= 1 << bit;
                    }
                }
                ((band as u32) << SEMANTIC_BITS) | key
            })
            .collect()
    }
}

/// The sign of component `dim` of hyperplane `plane` (splitmix64 of both).
fn plane_sign(plane: u64, dim: u64) -> bool {
    let mut x = plane.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ dim.wrapping_mul(0xD1B5_4A32_D192_ED03);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (x ^ (x >> 31)) & 1 == 1
}

/// The sum of a story's member embeddings (unit vectors), for the cosine of a
/// new article with the story as a whole.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SemanticCentroid {
    sum: Vec<f32>,
    members: u32,
}

impl SemanticCentroid {
    pub fn add(&mut self, e: &Embedding) {
        if self.sum.is_empty() {
            self.sum = vec![0.0; e.values.len()];
        }
        if self.sum.len() != e.values.len() {
            return;
        }
        for (s, v) in self.sum.iter_mut().zip(e.unit()) {
            *s += v;
        }
        self.members += 1;
    }

    /// Removes a member added before. Returns whether the centroid is now empty.
    pub fn subtract(&mut self, e: &Embedding) -> bool {
        if self.sum.len() == e.values.len() && self.members > 0 {
            for (s, v) in self.sum.iter_mut().zip(e.unit()) {
                *s -= v;
            }
            self.members -= 1;
        }
        if self.members == 0 {
            self.sum.clear();
        }
        self.members == 0
    }

    pub fn absorb(&mut self, other: SemanticCentroid) {
        if other.members == 0 {
            return;
        }
        if self.members == 0 {
            *self = other;
            return;
        }
        if self.sum.len() == other.sum.len() {
            for (s, v) in self.sum.iter_mut().zip(other.sum) {
                *s += v;
            }
            self.members += other.members;
        }
    }

    /// Cosine of an embedding with the centroid; `None` when empty.
    pub fn cosine(&self, e: &Embedding) -> Option<f64> {
        if self.members == 0 || self.sum.len() != e.values.len() {
            return None;
        }
        let norm = self
            .sum
            .iter()
            .map(|x| f64::from(*x) * f64::from(*x))
            .sum::<f64>()
            .sqrt();
        if norm <= 1e-9 {
            return None;
        }
        let dot: f64 = self
            .sum
            .iter()
            .zip(e.unit())
            .map(|(a, b)| f64::from(*a) * f64::from(b))
            .sum();
        Some((dot / norm).clamp(-1.0, 1.0))
    }
}

/// The semantic signal in [0, 1] from a cosine: 0 at or below `floor` (what
/// unrelated news pairs reach), 1 at or above `full`, linear between.
pub fn semantic_signal(cosine: f64, floor: f64, full: f64) -> f64 {
    if full <= floor {
        return if cosine >= full { 1.0 } else { 0.0 };
    }
    ((cosine - floor) / (full - floor)).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(v: &[f32]) -> Vec<f32> {
        let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.iter().map(|x| x / n).collect()
    }

    #[test]
    fn quantised_cosine_is_close_to_the_exact_one() {
        let a: Vec<f32> = (0..512).map(|i| ((i * 37 % 101) as f32 - 50.0) / 50.0).collect();
        let b: Vec<f32> = (0..512).map(|i| ((i * 53 % 89) as f32 - 44.0) / 44.0).collect();
        let (ua, ub) = (unit(&a), unit(&b));
        let exact: f32 = ua.iter().zip(&ub).map(|(x, y)| x * y).sum();
        let (ea, eb) = (Embedding::new(&a).unwrap(), Embedding::new(&b).unwrap());
        assert!((ea.cosine(&eb) - f64::from(exact)).abs() < 0.01);
        assert!((ea.cosine(&ea) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn bad_vectors_are_no_embedding() {
        assert_eq!(Embedding::new(&[]), None);
        assert_eq!(Embedding::new(&[0.0, 0.0]), None);
        assert_eq!(Embedding::new(&[1.0, f32::NAN]), None);
    }

    #[test]
    fn identical_vectors_share_every_band_and_opposite_ones_none() {
        let a: Vec<f32> = (0..64).map(|i| (i as f32 * 0.7).sin()).collect();
        let minus: Vec<f32> = a.iter().map(|x| -x).collect();
        let ea = Embedding::new(&a).unwrap();
        assert_eq!(ea.band_keys(), Embedding::new(&a).unwrap().band_keys());
        let shared = ea
            .band_keys()
            .iter()
            .zip(Embedding::new(&minus).unwrap().band_keys())
            .filter(|(x, y)| **x == *y)
            .count();
        assert_eq!(shared, 0);
    }

    #[test]
    fn centroid_follows_its_members() {
        let a = Embedding::new(&[1.0, 0.0, 0.0]).unwrap();
        let b = Embedding::new(&[0.0, 1.0, 0.0]).unwrap();
        let mut c = SemanticCentroid::default();
        c.add(&a);
        c.add(&b);
        let both = c.cosine(&a).unwrap();
        assert!((both - std::f64::consts::FRAC_1_SQRT_2).abs() < 1e-3, "{both}");
        assert!(!c.subtract(&b));
        assert!((c.cosine(&a).unwrap() - 1.0).abs() < 1e-3);
        assert!(c.subtract(&a));
        assert_eq!(c.cosine(&a), None);
    }

    #[test]
    fn signal_is_linear_between_floor_and_full() {
        assert_eq!(semantic_signal(0.2, 0.35, 0.8), 0.0);
        assert_eq!(semantic_signal(0.9, 0.35, 0.8), 1.0);
        assert!((semantic_signal(0.575, 0.35, 0.8) - 0.5).abs() < 1e-9);
    }
}
