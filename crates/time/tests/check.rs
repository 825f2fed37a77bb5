//! Data-driven checks: each case is an input, a language, and the expected mentions
//! written `text=value` (value `-` for none), in text order.

use chrono::NaiveDate;
use recoupe_core::{TimeAnchor, TimeKind};
use recoupe_time::{reanchor, TagOptions, TimeTagger};

/// Publication date used by the cases: Tuesday 24 June 2025.
fn anchor() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2025, 6, 24)
}

fn render(tagger: &TimeTagger, lang: &str, text: &str, anchor: Option<NaiveDate>) -> String {
    tagger
        .tag(text, lang, anchor)
        .iter()
        .map(|m| format!("{}={}", m.text, m.value.as_deref().unwrap_or("-")))
        .collect::<Vec<_>>()
        .join(" | ")
}

#[track_caller]
fn check(lang: &str, text: &str, expected: &str) {
    let tagger = TimeTagger::new();
    let got = render(&tagger, lang, text, anchor());
    assert_eq!(got, expected, "input: {text}");
}

#[test]
fn french_absolute_dates() {
    check(
        "fr",
        "Il est arrivé le 23 juin 2025 à Moscou.",
        "le 23 juin 2025=2025-06-23",
    );
    check("fr", "lundi 23 juin 2025", "lundi 23 juin 2025=2025-06-23");
    check("fr", "Le 1er mai 1962, rien.", "Le 1er mai 1962=1962-05-01");
    check(
        "fr",
        "le 23.06.2025 et le 23/06/2025",
        "23.06.2025=2025-06-23 | 23/06/2025=2025-06-23",
    );
    check("fr", "publié le 2025-06-23", "2025-06-23=2025-06-23");
    check("fr", "en octobre 98", "octobre 98=1998-10");
}

#[test]
fn french_dates_without_year() {
    check("fr", "Il a signé le 22 juin.", "le 22 juin=2025-06-22");
    check("fr", "Il était à Moscou ce dimanche.", "ce dimanche=2025-06-22");
    check("fr", "Il sera à Paris dimanche.", "dimanche=2025-06-29");
    check("fr", "le samedi 5 juillet", "le samedi 5 juillet=2025-07-05");
    check("fr", "Il a été reçu lundi dernier.", "lundi dernier=2025-06-23");
    check(
        "fr",
        "La réunion aura lieu lundi prochain.",
        "lundi prochain=2025-06-30",
    );
}

#[test]
fn french_relative() {
    check("fr", "Il est parti hier soir.", "hier soir=2025-06-23TEV");
    check(
        "fr",
        "aujourd'hui et demain",
        "aujourd'hui=2025-06-24 | demain=2025-06-25",
    );
    check(
        "fr",
        "Le 20 juin, il a signé. La veille, il était arrivé.",
        "Le 20 juin=2025-06-20 | La veille=2025-06-19",
    );
    check(
        "fr",
        "Le 20 juin, il a signé; le lendemain, il est parti.",
        "Le 20 juin=2025-06-20 | le lendemain=2025-06-21",
    );
    check(
        "fr",
        "Il est arrivé il y a trois jours.",
        "il y a trois jours=2025-06-21",
    );
    check(
        "fr",
        "Il reviendra la semaine prochaine.",
        "la semaine prochaine=2025-W27",
    );
    check(
        "fr",
        "l'an dernier et cette année",
        "l'an dernier=2024 | cette année=2025",
    );
    check("fr", "Aujourd'hui, la ville a changé.", "Aujourd'hui=PRESENT_REF");
}

#[test]
fn french_ranges_and_alternatives() {
    check(
        "fr",
        "du 21 au 26 juin 2025",
        "21 au 26 juin 2025=2025-06-21/2025-06-26",
    );
    check(
        "fr",
        "du 27 au 30 juillet 2023",
        "27 au 30 juillet 2023=2023-07-27/2023-07-30",
    );
    let tagger = TimeTagger::new();
    let m = tagger.tag("jeudi 26 ou vendredi 27 juin", "fr", anchor());
    assert_eq!(m.len(), 1);
    assert!(m[0].hedged);
    assert_eq!(
        m[0].alternatives,
        vec!["2025-06-26".to_string(), "2025-06-27".to_string()]
    );
    let split = tagger.tag_with(
        "du 21 au 26 juin 2025",
        "fr",
        anchor(),
        TagOptions { split_groups: true },
    );
    let values: Vec<_> = split.iter().map(|m| m.value.clone().unwrap_or_default()).collect();
    assert_eq!(values, vec!["2025-06-21", "2025-06-26"]);
}

#[test]
fn french_months_years_durations_sets() {
    check("fr", "en mai 2025", "mai 2025=2025-05");
    check("fr", "juillet 2023", "juillet 2023=2023-07");
    check("fr", "depuis 1960", "1960=1960");
    check("fr", "en 2023 (août 2022)", "2023=2023 | août 2022=2022-08");
    check("fr", "les années 60", "les années 60=196X");
    check("fr", "une visite de cinq jours", "cinq jours=P5D");
    check("fr", "pendant deux ans", "deux ans=P2Y");
    check("fr", "vingt et un jours", "vingt et un jours=P21D");
    check("fr", "tous les six mois", "tous les six mois=P6M");
    check("fr", "chaque année", "chaque année=P1Y");
    check("fr", "plus de vingt ans", "plus de vingt ans=P20Y");
}

#[test]
fn french_times_of_day() {
    check(
        "fr",
        "Le 24 juin à 15:36",
        "Le 24 juin=2025-06-24 | 15:36=2025-06-24T15:36",
    );
    check("fr", "à 15 h 36", "15 h 36=2025-06-24T15:36");
    check("fr", "vers 22 h", "22 h=2025-06-24T22:00");
    check("fr", "à 21h45", "21h45=2025-06-24T21:45");
    check("fr", "pendant 24 h, puis en 48 h", "24 h=PT24H | 48 h=PT48H");
    check("fr", "pendant près de 24 heures", "près de 24 heures=PT24H");
}

#[test]
fn french_pitfalls() {
    // Words inside words, the participle `été`, ages.
    check("fr", "La société a été créée.", "");
    check("fr", "Jean Dupont, 87 ans, est mort.", "");
    check("fr", "âgé de 87 ans", "");
    check("fr", "Un chauffeur de 38 ans a été agressé.", "");
    check("fr", "une peine de 2 ans de prison", "2 ans=P2Y");
    check("fr", "la résolution 1405 de l'ONU", "");
    check("fr", "Il a sept ans de plus.", "sept ans=P7Y");
    check("fr", "en été", "été=XXXX-SU");
}

#[test]
fn english() {
    check("en", "He arrived on June 23, 2025.", "June 23, 2025=2025-06-23");
    check("en", "on 23 June 2025", "23 June 2025=2025-06-23");
    check("en", "He met them on Monday.", "Monday=2025-06-23");
    check("en", "They signed the deal on Friday.", "Friday=2025-06-20");
    check("en", "They will sign the deal on Friday.", "Friday=2025-06-27");
    check(
        "en",
        "The deal is expected to be signed on Friday.",
        "Friday=2025-06-27",
    );
}

#[test]
fn an_attribution_does_not_date_the_event() {
    // Published on Tuesday 24 June: the visit ends on the coming Friday; the
    // reporting verb after the comma dates the report, not the end.
    check(
        "en",
        "The visit ends on Friday, the ministry said.",
        "Friday=2025-06-27",
    );
    check(
        "fr",
        "La visite s'achève vendredi, a indiqué le ministère.",
        "vendredi=2025-06-27",
    );
    // Without the comma the verb is the clause's own: a past event.
    check(
        "en",
        "The ministry said on Friday that talks had ended.",
        "Friday=2025-06-20",
    );
    // A past verb of the clause itself still wins.
    check(
        "en",
        "The visit ended on Friday, the ministry said.",
        "Friday=2025-06-20",
    );
    check(
        "en",
        "from June 21 to 26, 2025",
        "June 21 to 26, 2025=2025-06-21/2025-06-26",
    );
    check("en", "June 21-26", "June 21-26=2025-06-21/2025-06-26");
    check("en", "earlier this month", "earlier this month=2025-06");
    check("en", "He left last week.", "last week=2025-W25");
    check(
        "en",
        "yesterday and tomorrow",
        "yesterday=2025-06-23 | tomorrow=2025-06-25",
    );
    check("en", "five days", "five days=P5D");
    check("en", "since the 1960s", "the 1960s=196X");
    check("en", "in May 2025", "May 2025=2025-05");
    check("en", "three days ago", "three days ago=2025-06-21");
    check("en", "at 3 p.m.", "3 p.m.=2025-06-24T15:00");
    check("en", "He may come.", "");
    check(
        "en",
        "On June 20 he signed. The next day he left.",
        "June 20=2025-06-20 | The next day=2025-06-21",
    );
    check("en", "every week", "every week=P1W");
    check("en", "He is 87 years old.", "");
}

#[test]
fn unresolved_without_anchor() {
    let tagger = TimeTagger::new();
    let m = tagger.tag("hier et dimanche 22 juin", "fr", None);
    assert_eq!(m.len(), 2);
    assert_eq!(m[0].value, None);
    assert_eq!(m[0].anchor, TimeAnchor::Unresolved);
    assert_eq!(m[1].value.as_deref(), Some("XXXX-06-22"));
    assert_eq!(m[1].anchor, TimeAnchor::Unresolved);
}

#[test]
fn reanchor_resolves_with_reason() {
    let tagger = TimeTagger::new();
    let text = "Il est arrivé dimanche 22 juin.";
    let m = tagger.tag(text, "fr", None);
    assert_eq!(m.len(), 1);
    let date = NaiveDate::from_ymd_opt(2025, 6, 24).unwrap_or_default();
    let r = reanchor(&m[0], "fr", date, "story publication dates");
    assert_eq!(r.value.as_deref(), Some("2025-06-22"));
    assert_eq!(r.span, m[0].span);
    assert_eq!(r.kind, TimeKind::Date);
    assert_eq!(
        r.anchor,
        TimeAnchor::External {
            date,
            reason: "story publication dates".to_string()
        }
    );
}

#[test]
fn apposition_explains_anaphora() {
    check(
        "fr",
        "Entamée la veille, dimanche 22 juin, la visite se poursuit.",
        "la veille=2025-06-22 | dimanche 22 juin=2025-06-22",
    );
}

#[test]
fn more_french_constructs() {
    check("fr", "Il a passé 2 ans et demi à Dakar.", "2 ans et demi=P2.5Y");
    check("fr", "Dans les prochains jours, il partira.", "les prochains jours=PXD");
    check("fr", "d'ici la fin du mois", "la fin du mois=2025-06");
    check(
        "fr",
        "Dans la nuit de samedi à dimanche, un incendie.",
        "la nuit de samedi à dimanche=2025-06-21TNI",
    );
    check(
        "fr",
        "les résultats du recensement de mars-avril",
        "mars=2025-03 | avril=2025-04",
    );
    check("fr", "Mi-juin, les pluies ont commencé.", "Mi-juin=2025-06");
    check("fr", "à la fin du XIXe siècle", "la fin du XIXe siècle=18XX");
    check("fr", "deux ruptures en 97 (en janvier)", "97=1997 | janvier=1997-01");
    check("fr", "Il a 45 ans.", "");
    check("fr", "Il reviendra dans trois jours.", "dans trois jours=2025-06-27");
    check("fr", "au premier trimestre 2025", "premier trimestre 2025=2025-Q1");
    check("fr", "le 2e semestre de 2024", "le 2e semestre de 2024=2024-H2");
    check(
        "fr",
        "entre le 21 et le 26 juin",
        "le 21 et le 26 juin=2025-06-21/2025-06-26",
    );
    check("fr", "Les élections auront lieu en mars.", "mars=2026-03");
    check(
        "fr",
        "Le mardi 1er juillet à 9 heures.",
        "Le mardi 1er juillet=2025-07-01 | 9 heures=2025-07-01T09:00",
    );
    check(
        "fr",
        "hier en début d'après-midi",
        "hier en début d'après-midi=2025-06-23TAF",
    );
    check("fr", "Les modifications annoncées mercredi.", "mercredi=2025-06-18");
    check("fr", "La visite est prévue mercredi.", "mercredi=2025-06-25");
    check("fr", "L'accord doit être signé mercredi.", "mercredi=2025-06-25");
}

#[test]
fn more_english_constructs() {
    check("en", "He served two and a half years.", "two and a half years=P2.5Y");
    check("en", "Over the past two weeks, prices rose.", "the past two weeks=P2W");
    check("en", "a five-day visit", "five-day=P5D");
    check("en", "200 tonnes a year", "a year=P1Y");
    check("en", "This year's budget", "This year=2025");
    check("en", "Sept. 12, 2025", "Sept. 12, 2025=2025-09-12");
    check("en", "the summer of 2024", "the summer of 2024=2024-SU");
    check("en", "Monday night", "Monday night=2025-06-23TNI");
    check(
        "en",
        "in the first quarter of 2025",
        "the first quarter of 2025=2025-Q1",
    );
    check(
        "en",
        "between June 21 and June 26",
        "June 21 and June 26=2025-06-21/2025-06-26",
    );
}
