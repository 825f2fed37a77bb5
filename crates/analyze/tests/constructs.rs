//! Data-driven checks, one construct at a time, in French and English.

mod common;

use common::{analyze, render_entities, render_quantities, render_quotes};

fn check_entities(language: &str, input: &str, expected: &[&str]) {
    let analysis = analyze(input, language);
    let got = render_entities(&analysis);
    assert_eq!(got, expected, "entities of {input:?}");
}

fn check_quantities(language: &str, input: &str, expected: &[&str]) {
    let analysis = analyze(input, language);
    let got = render_quantities(&analysis);
    assert_eq!(got, expected, "quantities of {input:?}");
}

fn check_quotes(language: &str, input: &str, expected: &[&str]) {
    let analysis = analyze(input, language);
    let got = render_quotes(&analysis);
    assert_eq!(got, expected, "quotes of {input:?}");
}

#[test]
fn titles_and_roles_are_not_names() {
    check_entities(
        "fr",
        "Le président de la Transition, le général d'armée Assimi Goïta, est arrivé à Moscou.",
        &[
            "PER Assimi Goïta key=Q:assimi_goita role=général d'armée",
            "LOC Moscou key=Q:moscow",
        ],
    );
    check_entities(
        "fr",
        "Les ministres des Affaires étrangères du Mali ont rencontré M. Sergueï Lavrov.",
        &["LOC Mali key=Q:mali", "PER Sergueï Lavrov key=Q:sergey_lavrov role=M."],
    );
    check_entities(
        "en",
        "Russian President Vladimir Putin met Col. Oumar Diarra in Moscow.",
        &[
            "LOC Russian (demonym) key=Q:russia",
            "PER Vladimir Putin key=Q:vladimir_putin role=President",
            "PER Oumar Diarra key=oumar diarra role=Col.",
            "LOC Moscow key=Q:moscow",
        ],
    );
}

#[test]
fn role_in_apposition_links_later_uses() {
    check_entities(
        "fr",
        "Le chef de l'État malien, le général Assimi Goïta, est arrivé. Le chef de l'État malien a ensuite rencontré Goïta Traoré.",
        &[
            "LOC malien (demonym) key=Q:mali",
            "PER Assimi Goïta key=Q:assimi_goita role=général",
            "PER chef de l'État malien key=Q:assimi_goita role=chef de l'État malien canonical=Assimi Goïta",
            "LOC malien (demonym) key=Q:mali",
            "PER Goïta Traoré key=goita traore",
        ],
    );
}

#[test]
fn particles_hyphens_and_capitals() {
    check_entities(
        "fr",
        "Il a reçu le vice-ministre de la Défense, le général Younous-Bek Evkurov, puis Mohamed Ould Ghazouani.",
        &[
            "PER Younous-Bek Evkurov key=Q:yunus_bek_yevkurov role=général",
            "PER Mohamed Ould Ghazouani key=mohamed ould ghazouani",
        ],
    );
    check_entities(
        "fr",
        "Le colonel Assimi GOÏTA a parlé. Plus tard, GOÏTA est reparti.",
        &[
            "PER Assimi GOÏTA key=Q:assimi_goita role=colonel",
            "PER GOÏTA key=Q:assimi_goita canonical=Assimi GOÏTA",
        ],
    );
}

#[test]
fn elision_and_acronyms() {
    check_entities(
        "fr",
        "Le Mali est membre de l'Alliance des États du Sahel (AES). Les pays de l'AES coopèrent.",
        &[
            "LOC Mali key=Q:mali",
            "ORG Alliance des États du Sahel key=Q:alliance_of_sahel_states",
            "ORG AES key=Q:alliance_of_sahel_states long=Alliance des États du Sahel canonical=Alliance des États du Sahel",
            "ORG AES key=Q:alliance_of_sahel_states long=Alliance des États du Sahel canonical=Alliance des États du Sahel",
        ],
    );
    check_entities(
        "en",
        "The Sahel Gold Refining Company (SGRC) said SGRC would hire 300 people.",
        &[
            "ORG Sahel Gold Refining Company key=sahel gold refining company",
            "ORG SGRC key=sahel gold refining company long=Sahel Gold Refining Company canonical=Sahel Gold Refining Company",
            "ORG SGRC key=sahel gold refining company long=Sahel Gold Refining Company canonical=Sahel Gold Refining Company",
        ],
    );
}

#[test]
fn demonyms_point_to_places() {
    check_entities(
        "fr",
        "La coopération russo-malienne inquiète les autorités françaises.",
        &[
            "LOC russo (demonym) key=Q:russia",
            "LOC malienne (demonym) key=Q:mali",
            "LOC françaises (demonym) key=Q:france",
        ],
    );
}

#[test]
fn cues_give_types() {
    check_entities(
        "fr",
        "Le projet est réalisé avec la société russe Yadran, près de la ville de Kourémalé, selon le ministère malien des Mines.",
        &[
            "LOC russe (demonym) key=Q:russia",
            "ORG Yadran key=yadran",
            "LOC Kourémalé key=kouremale",
            "ORG ministère malien des Mines key=ministere malien des mines",
        ],
    );
    check_entities(
        "en",
        "Kiwoom Holdings Inc shares rose in Busan, said analyst Grace Okonjo.",
        &[
            "ORG Kiwoom Holdings Inc key=kiwoom holdings inc",
            "LOC Busan key=busan",
            "PER Grace Okonjo key=grace okonjo role=analyst",
        ],
    );
}

#[test]
fn quantities_in_french() {
    check_quantities(
        "fr",
        "Les échanges ont atteint 35 millions de dollars et 1,5 milliard d'euros, puis 500 000 FCFA.",
        &[
            "Money 35 millions de dollars = 35000000 unit=USD",
            "Money 1,5 milliard d'euros = 1500000000 unit=EUR",
            "Money 500 000 FCFA = 500000 unit=XOF",
        ],
    );
    check_quantities(
        "fr",
        "La raffinerie produira 200 tonnes par an ; plus de 10\u{202F}000 cadres ont été formés et l'État détient 62 %.",
        &[
            "Measure 200 tonnes par an = 200 unit=t/an per=an",
            "Count plus de 10\u{202F}000 cadres = 10000 counted=cadres cmp=Greater",
            "Percent 62 % = 62 unit=%",
        ],
    );
    check_quantities(
        "fr",
        "Le taux reste inférieur à 45 % ; trois accords ; la deuxième visite ; son 1er déplacement ; le 2è sommet.",
        &[
            "Percent inférieur à 45 % = 45 unit=% cmp=Less",
            "Count trois accords = 3 counted=accords",
            "Ordinal deuxième = 2 counted=visite",
            "Ordinal 1er = 1 counted=déplacement",
            "Ordinal 2è = 2 counted=sommet",
        ],
    );
}

#[test]
fn dates_are_not_quantities() {
    check_quantities(
        "fr",
        "Il est arrivé le 23 juin 2025, du 21 au 26 juin, et en 2023 à 15:36.",
        &[],
    );
    check_quantities("en", "He arrived on June 23, 2025 and left in 2023.", &[]);
}

#[test]
fn quantities_in_english() {
    check_quantities(
        "en",
        "Trade reached $35 million, about 1.5 billion euros, and 10,000 workers signed three agreements.",
        &[
            "Money $35 million = 35000000 unit=USD",
            "Money about 1.5 billion euros = 1500000000 unit=EUR cmp=About",
            "Count 10,000 workers = 10000 counted=workers",
            "Count three agreements = 3 counted=agreements",
        ],
    );
    check_quantities(
        "en",
        "It was the second visit; more than 62 percent voted; the third round.",
        &[
            "Ordinal second = 2 counted=visit",
            "Percent more than 62 percent = 62 unit=% cmp=Greater",
            "Ordinal third = 3 counted=round",
        ],
    );
}

#[test]
fn quotes_with_speakers_in_french() {
    check_quotes(
        "fr",
        "« Nous avons des perspectives intéressantes », a déclaré le président Poutine, cité par la présidence malienne.",
        &["Nous avons des perspectives intéressantes <- le président Poutine [Q:vladimir_putin]"],
    );
    check_quotes(
        "fr",
        "Selon la Cellule de communication de la Présidence, « Cette visite est importante ».\nAussi, précise-t-elle : « Elle renforce les liens ».",
        &[
            "Cette visite est importante <- la Cellule de communication de la Présidence [cellule de communication de la presidence]",
            "Elle renforce les liens <- la Cellule de communication de la Présidence [cellule de communication de la presidence]",
        ],
    );
    check_quotes(
        "fr",
        "Le Président Goïta a exprimé sa volonté « dans le respect de la souveraineté ».",
        &["dans le respect de la souveraineté <- Le Président Goïta [goita] (partial)"],
    );
    check_quotes(
        "fr",
        "Vladimir Poutine a reçu son homologue.\n« Le premier est la défense. »",
        &["Le premier est la défense. <- Vladimir Poutine [Q:vladimir_putin]"],
    );
}

#[test]
fn quotes_with_speakers_in_english() {
    check_quotes(
        "en",
        "\"Dialogue remains our first choice,\" Omar Touray said. According to the Kremlin, \"talks went well\".",
        &[
            "Dialogue remains our first choice <- Omar Touray [omar touray]",
            "talks went well <- the Kremlin [Q:kremlin] (partial)",
        ],
    );
    check_quotes(
        "en",
        "The Kremlin said: \"Talks were useful.\"\nFinance Minister Amina Diallo arrived.\n“We will not accept this,” she told reporters.",
        &[
            "Talks were useful. <- The Kremlin [Q:kremlin]",
            "We will not accept this <- Amina Diallo [amina diallo]",
        ],
    );
    check_quotes(
        "en",
        "The minister described the plan as \"a fair compromise\".",
        &["a fair compromise <- The minister (partial)"],
    );
}

#[test]
fn entity_keys_are_language_independent() {
    for (surface, key) in [
        ("Russie", "Q:russia"),
        ("Russia", "Q:russia"),
        ("russe", "Q:russia"),
        ("Moscou", "Q:moscow"),
        ("Moscow", "Q:moscow"),
        ("Poutine", "Q:vladimir_putin"),
        ("Putin", "Q:vladimir_putin"),
        ("malienne", "Q:mali"),
        ("Malian", "Q:mali"),
        ("Assim Goita", "assim goita"),
        ("Société Yadran", "societe yadran"),
    ] {
        assert_eq!(recoupe_analyze::entity_key(surface), key, "entity_key({surface:?})");
    }
}

#[test]
fn analyzer_can_be_shared_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<recoupe_analyze::Analyzer>();
}
