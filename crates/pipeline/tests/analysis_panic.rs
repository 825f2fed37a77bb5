//! A panic inside the analysis of one article is caught: the article gets an
//! empty analysis and an error naming it; the other articles keep theirs, in
//! order.

use recoupe_analyze::{EntityExtractor, ExtractedEntity, RuleExtractor};
use recoupe_core::Span;
use recoupe_pipeline::{analyze_all, article_from_text, Analyzer, ItemError};

/// The rule extractor, except that it panics on a marker word.
struct Fragile(Analyzer);

impl EntityExtractor for Fragile {
    fn extract(&self, text: &str, sentences: &[Span], language: &str) -> Vec<ExtractedEntity> {
        assert!(!text.contains("Zorblax"), "odd input the rules choke on");
        RuleExtractor::new(self.0.resources()).extract(text, sentences, language)
    }
}

#[test]
fn a_panicking_analysis_becomes_a_named_failure() {
    let texts = [
        "Visite à Dakar\nLe président Macky Sall a reçu mardi à Dakar le ministre malien des Affaires étrangères.",
        "Zorblax\nLe ministre Zorblax est arrivé lundi à Bamako pour une visite de deux jours.",
        "Talks in Accra\nGhana's president met the Nigerian foreign minister in Accra on Tuesday.",
    ];
    let articles: Vec<_> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| article_from_text(&format!("input-{i}.txt"), t).expect("article"))
        .collect();
    let analyzer = Analyzer::new().with_extractor(Box::new(Fragile(Analyzer::new())));
    let (analyses, errors) = analyze_all(&analyzer, &articles);
    assert_eq!(analyses.len(), 3);
    for (a, an) in articles.iter().zip(&analyses) {
        assert_eq!(a.id, an.article_id, "analyses stay aligned with their articles");
    }
    assert_eq!(errors.len(), 1, "{errors:?}");
    let ItemError::Analysis { input, message, .. } = &errors[0] else {
        panic!("{:?}", errors[0])
    };
    assert!(input.contains("input-1.txt"), "{input}");
    assert!(message.contains("odd input"), "{message}");
    assert!(analyses[1].entities.is_empty() && analyses[1].times.is_empty());
    assert!(!analyses[0].entities.is_empty(), "{:?}", analyses[0]);
    assert!(!analyses[2].entities.is_empty(), "{:?}", analyses[2]);
}
