//! Invariants on arbitrary input: no panic, deterministic output, and text shaped as
//! documented (paragraphs separated by one blank line, no other blank lines).

use proptest::prelude::*;
use recoupe_html::extract_html;

fn check_shape(text: &str) {
    assert!(!text.contains("\n\n\n"), "{text:?}");
    if !text.is_empty() {
        for paragraph in text.split("\n\n") {
            assert!(!paragraph.is_empty(), "{text:?}");
            assert_eq!(paragraph, paragraph.trim(), "{text:?}");
        }
    }
}

/// Fragments of markup, glued at random: closer to real pages than arbitrary strings.
fn markup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<div>".to_string()),
        Just("</div>".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<br>".to_string()),
        Just("<a href='x'>".to_string()),
        Just("</a>".to_string()),
        Just("<nav class=\"menu\">".to_string()),
        Just("<script>var a = '</p>';".to_string()),
        Just("</script>".to_string()),
        Just("<!-- c -->".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("<li>".to_string()),
        Just("&amp;&eacute;&#x1F600;&".to_string()),
        Just("<meta property=\"og:title\" content=\"T\">".to_string()),
        Just(
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":[1,{}]}</script>".to_string()
        ),
        "[a-zA-Zéà ,.]{0,80}",
        "\\PC{0,20}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_strings_never_panic(input in "\\PC*") {
        if let Ok(article) = extract_html(&input, None) {
            check_shape(&article.text);
        }
    }

    #[test]
    fn arbitrary_markup_is_deterministic_and_well_shaped(input in markup()) {
        let first = extract_html(&input, Some("https://example.org/a"));
        let second = extract_html(&input, Some("https://example.org/a"));
        prop_assert_eq!(&first, &second);
        if let Ok(article) = first {
            check_shape(&article.text);
        }
    }
}
