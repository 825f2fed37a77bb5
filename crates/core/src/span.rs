use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a text (usually an
/// [`crate::Article`]'s clean text). Both ends are on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start after end");
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers, or `None` when it is out of bounds or not
    /// on char boundaries (which would be a bug upstream, never a panic here).
    pub fn slice<'a>(&self, text: &'a str) -> Option<&'a str> {
        text.get(self.start..self.end)
    }

    /// Whether the span is inside `text` and on char boundaries.
    pub fn is_valid_in(&self, text: &str) -> bool {
        self.start <= self.end && text.get(self.start..self.end).is_some()
    }

    pub fn shifted(&self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }
}
