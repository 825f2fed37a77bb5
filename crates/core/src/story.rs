//! Stories: groups of articles telling the same story, with wire copies marked.

use serde::{Deserialize, Serialize};

/// Articles that are copies of one dispatch (full or shortened reprints).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopyGroup {
    /// The likely original: earliest, then longest.
    pub original: String,
    /// The other members, in arrival order.
    pub copies: Vec<String>,
    /// Wire agency named by any member (`APA`, `AFP`, `Reuters`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
}

/// Why an article joined its story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JoinReason {
    pub article_id: String,
    /// The article (or story centroid, `None`) it was most similar to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matched: Option<String>,
    pub score: f64,
    pub threshold: f64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shared_terms: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shared_entities: Vec<String>,
}

/// A story: the articles that tell it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// Stable id derived from the first article's id.
    pub id: String,
    pub title: String,
    /// Members in arrival order.
    pub article_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub copy_groups: Vec<CopyGroup>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<JoinReason>,
}

impl Story {
    /// The id of the article this one copies, if it is a copy.
    pub fn original_of(&self, article_id: &str) -> Option<&str> {
        self.copy_groups
            .iter()
            .find(|g| g.copies.iter().any(|c| c == article_id))
            .map(|g| g.original.as_str())
    }
}
