//! Story profiles: what a story as a whole says (the sum of its members' vectors),
//! so that a new article is judged against the story and not only against its
//! closest single member.
//!
//! A story told by eight outlets in two languages names its people, places and
//! figures many times; a new article that agrees with that profile belongs to it
//! even when no single member is close enough. (The profile can only raise a
//! story's score; what keeps template-mates apart is the entity check.)

use indexmap::IndexMap;
use rustc_hash::FxBuildHasher;
use serde::{Deserialize, Serialize};

use crate::score::SparseVector;
use crate::semantic::{Embedding, SemanticCentroid};

/// A running sum of unit vectors with its squared norm, for cosines against it.
///
/// The weights are an insertion-ordered map: the norm is summed in the map's
/// order, and that order must survive a save and restore of the engine (a
/// hash map rebuilt from its entries may iterate in another order, and float
/// sums in another order differ in the last bits, which can flip a decision
/// at a threshold).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Centroid {
    weights: IndexMap<u32, f32, FxBuildHasher>,
    norm_sq: f64,
}

impl Centroid {
    /// Adds a (normalised) vector to the sum, keeping the norm up to date.
    pub fn add(&mut self, vector: &SparseVector) {
        for &(id, w) in &vector.entries {
            let slot = self.weights.entry(id).or_insert(0.0);
            let before = f64::from(*slot);
            *slot += w;
            let after = f64::from(*slot);
            self.norm_sq += after * after - before * before;
        }
    }

    /// Removes a vector added before (a member leaving the window). Entries
    /// that fall to about zero are dropped and the norm is recomputed from what
    /// is left, so rounding does not build up over a long stream.
    pub fn subtract(&mut self, vector: &SparseVector) {
        for &(id, w) in &vector.entries {
            if let Some(slot) = self.weights.get_mut(&id) {
                *slot -= w;
                if *slot <= 1e-6 {
                    self.weights.swap_remove(&id);
                }
            }
        }
        self.norm_sq = self.weights.values().map(|w| f64::from(*w) * f64::from(*w)).sum();
    }

    /// Adds another centroid (two stories merging).
    pub fn absorb(&mut self, other: Centroid) {
        for (id, w) in other.weights {
            let slot = self.weights.entry(id).or_insert(0.0);
            let before = f64::from(*slot);
            *slot += w;
            let after = f64::from(*slot);
            self.norm_sq += after * after - before * before;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty() || self.norm_sq <= 0.0
    }

    /// Cosine between a normalised vector and the centroid's direction.
    pub fn cosine(&self, vector: &SparseVector) -> f64 {
        if self.norm_sq <= 0.0 {
            return 0.0;
        }
        let dot: f64 = vector
            .entries
            .iter()
            .filter_map(|(id, w)| self.weights.get(id).map(|c| f64::from(*w) * f64::from(*c)))
            .sum();
        (dot / self.norm_sq.sqrt()).clamp(0.0, 1.0)
    }
}

/// The profile of one story while some of its members are in the active window:
/// the sums of the vectors of those members (a member leaving the window is
/// subtracted).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StoryProfile {
    /// Word centroid per language (stems do not cross languages).
    pub text: Vec<(String, Centroid)>,
    pub entities: Centroid,
    /// Figures and dates, each member's set as a unit vector.
    pub marks: Centroid,
    /// Members still in the active window; the profile goes when none is left.
    pub active_members: u32,
    /// The sum of the members' embeddings (those that have one).
    pub semantic: SemanticCentroid,
}

impl StoryProfile {
    pub fn add(
        &mut self,
        language: &str,
        terms: &SparseVector,
        entities: &SparseVector,
        marks: &SparseVector,
        embedding: Option<&Embedding>,
    ) {
        if let Some(e) = embedding {
            self.semantic.add(e);
        }
        match self.text.iter_mut().find(|(l, _)| l == language) {
            Some((_, c)) => c.add(terms),
            None => {
                let mut c = Centroid::default();
                c.add(terms);
                self.text.push((language.to_string(), c));
            }
        }
        self.entities.add(entities);
        self.marks.add(marks);
        self.active_members += 1;
    }

    /// Removes a member that left the window; true when none is left.
    pub fn remove(
        &mut self,
        language: &str,
        terms: &SparseVector,
        entities: &SparseVector,
        marks: &SparseVector,
        embedding: Option<&Embedding>,
    ) -> bool {
        if let Some(e) = embedding {
            self.semantic.subtract(e);
        }
        if let Some((_, c)) = self.text.iter_mut().find(|(l, _)| l == language) {
            c.subtract(terms);
        }
        self.text.retain(|(_, c)| !c.is_empty());
        self.entities.subtract(entities);
        self.marks.subtract(marks);
        self.active_members = self.active_members.saturating_sub(1);
        self.active_members == 0
    }

    pub fn absorb(&mut self, other: StoryProfile) {
        for (language, centroid) in other.text {
            match self.text.iter_mut().find(|(l, _)| *l == language) {
                Some((_, c)) => c.absorb(centroid),
                None => self.text.push((language, centroid)),
            }
        }
        self.entities.absorb(other.entities);
        self.marks.absorb(other.marks);
        self.semantic.absorb(other.semantic);
        self.active_members += other.active_members;
    }

    /// The word centroid of a language, if the story has members in it.
    pub fn text_in(&self, language: &str) -> Option<&Centroid> {
        self.text.iter().find(|(l, _)| l == language).map(|(_, c)| c)
    }

    /// The word centroid of the story's main language (most weight), for
    /// articles in a language the story has not seen yet.
    pub fn main_text(&self) -> Option<&Centroid> {
        self.text
            .iter()
            .max_by(|a, b| a.1.norm_sq.total_cmp(&b.1.norm_sq).then(b.0.cmp(&a.0)))
            .map(|(_, c)| c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centroid_of_one_vector_is_that_vector() {
        let v = SparseVector::from_weights(vec![(1, 3.0), (2, 4.0)]);
        let mut c = Centroid::default();
        c.add(&v);
        assert!((c.cosine(&v) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn centroid_leans_to_the_repeated_direction() {
        let a = SparseVector::from_weights(vec![(1, 1.0)]);
        let b = SparseVector::from_weights(vec![(2, 1.0)]);
        let mut c = Centroid::default();
        c.add(&a);
        c.add(&a);
        c.add(&b);
        assert!(c.cosine(&a) > c.cosine(&b));
        assert!((c.cosine(&a) - 2.0 / 5f64.sqrt()).abs() < 1e-6);
    }

    #[test]
    fn subtracting_undoes_adding() {
        let a = SparseVector::from_weights(vec![(1, 1.0), (3, 2.0)]);
        let b = SparseVector::from_weights(vec![(1, 2.0), (2, 1.0)]);
        let mut c = Centroid::default();
        c.add(&a);
        c.add(&b);
        c.subtract(&a);
        assert!((c.cosine(&b) - 1.0).abs() < 1e-5, "{}", c.cosine(&b));
        c.subtract(&b);
        assert!(c.is_empty());
        assert_eq!(c.cosine(&a), 0.0);
    }

    #[test]
    fn absorbing_equals_adding() {
        let a = SparseVector::from_weights(vec![(1, 1.0), (3, 2.0)]);
        let b = SparseVector::from_weights(vec![(1, 2.0), (2, 1.0)]);
        let (mut x, mut y, mut z) = (Centroid::default(), Centroid::default(), Centroid::default());
        x.add(&a);
        x.add(&b);
        y.add(&a);
        z.add(&b);
        y.absorb(z);
        assert!((x.cosine(&a) - y.cosine(&a)).abs() < 1e-6);
    }
}
