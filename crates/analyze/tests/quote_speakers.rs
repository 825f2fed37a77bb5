//! Speakers of quotes are people or bodies named in the text: never a page
//! label, never the quote itself, never the person a speech verb's object names.

mod common;

fn speakers(text: &str, lang: &str) -> Vec<(String, Option<String>)> {
    common::analyze(text, lang)
        .quotes
        .into_iter()
        .map(|q| (q.text, q.speaker))
        .collect()
}

#[test]
fn speakers_are_named_people_or_bodies() {
    let cases: &[(&str, &str, &str, Option<&str>)] = &[
        // A name after the speech verb is spoken of, not speaking.
        (
            "en",
            "Senator Maria Lopes said the quarrel with President Omar Haddad was \"the worst moment of the year\".",
            "the worst moment of the year",
            Some("Maria Lopes"),
        ),
        // A line of page labels is no speaker.
        (
            "fr",
            "Actualité Politique Article Politique « Nous irons jusqu'au bout du processus »",
            "Nous irons jusqu'au bout du processus",
            None,
        ),
        // The usual case still works.
        (
            "fr",
            "« Nous signerons trois accords », a déclaré le ministre Abdoulaye Diop.",
            "Nous signerons trois accords",
            Some("Abdoulaye Diop"),
        ),
    ];
    for (lang, text, quote, expected) in cases {
        let found = speakers(text, lang);
        let got = found
            .iter()
            .find(|(q, _)| q.contains(quote))
            .unwrap_or_else(|| panic!("{text}: {found:?}"));
        match expected {
            Some(name) => assert!(
                got.1.as_deref().is_some_and(|s| s.contains(name)),
                "{text}: speaker {:?}, expected {name}",
                got.1
            ),
            None => assert_eq!(got.1, None, "{text}"),
        }
    }
}
