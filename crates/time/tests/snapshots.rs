//! Snapshots of full mentions (spans, kinds, bounds, anchors) for two short news texts.

use chrono::NaiveDate;
use recoupe_time::TimeTagger;

#[test]
fn french_visit_report() {
    let text = "Le président est arrivé ce dimanche à Moscou pour une visite de cinq jours. \
                La veille, samedi 21 juin, il avait quitté Bamako vers 22 h. \
                Les entretiens, prévus jeudi 26 ou vendredi 27 juin, porteront sur l'accord signé en mai 2025. \
                Depuis 2021, les échanges ont doublé; la prochaine visite aura lieu l'an prochain.";
    let mentions = TimeTagger::new().tag(text, "fr", NaiveDate::from_ymd_opt(2025, 6, 24));
    insta::assert_json_snapshot!(mentions);
}

#[test]
fn english_wire() {
    let text = "MOSCOW, June 24 (Reuters) - Mali's leader met President Vladimir Putin on Monday, \
                two days after arriving for a visit that runs from June 21 to 26. \
                The two sides signed three agreements earlier this month and will meet again next year.";
    let mentions = TimeTagger::new().tag(text, "en", NaiveDate::from_ymd_opt(2025, 6, 24));
    insta::assert_json_snapshot!(mentions);
}
