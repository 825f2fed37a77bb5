//! Hand-built articles and analyses for the story tests (no dependency on the
//! extractor or the analyser, so these tests pin this crate alone).

#![allow(dead_code)]

use chrono::NaiveDate;
use recoupe_core::{Analysis, Article, DateStamp, EntityKind, EntityMention, Metadata, Span};

/// An article with paragraphs split on blank lines and sentences on `. `.
pub fn article(id: &str, title: &str, text: &str, lang: &str, date: (i32, u32, u32)) -> Article {
    let mut paragraphs = Vec::new();
    let mut start = 0;
    for part in text.split("\n\n") {
        paragraphs.push(Span::new(start, start + part.len()));
        start += part.len() + 2;
    }
    let mut sentences = Vec::new();
    let mut s = 0;
    for (i, _) in text.match_indices(". ") {
        sentences.push(Span::new(s, i + 1));
        s = i + 2;
    }
    if s < text.len() {
        sentences.push(Span::new(s, text.len()));
    }
    Article {
        paragraph_languages: Vec::new(),
        id: id.to_string(),
        doc_hash: format!("{id}-hash"),
        meta: Metadata {
            title: Some(title.to_string()),
            published: NaiveDate::from_ymd_opt(date.0, date.1, date.2).map(DateStamp::Date),
            language: Some(lang.to_string()),
            ..Metadata::default()
        },
        text: text.to_string(),
        paragraphs,
        sentences,
        removed: Vec::new(),
        offsets: Vec::new(),
        warnings: Vec::new(),
    }
}

/// An analysis whose entities are the given (surface, key, kind) found in the text
/// (every occurrence becomes a mention, as an analyser would report them).
pub fn analysis(article: &Article, entities: &[(&str, &str, EntityKind)]) -> Analysis {
    let mut mentions = Vec::new();
    for (chain, (surface, key, kind)) in entities.iter().enumerate() {
        for (pos, _) in article.text.match_indices(surface) {
            mentions.push(EntityMention {
                span: Span::new(pos, pos + surface.len()),
                text: surface.to_string(),
                kind: *kind,
                canonical: surface.to_string(),
                key: key.to_string(),
                chain,
                role: None,
                long_form: None,
                via_demonym: false,
            });
        }
    }
    mentions.sort_by_key(|m| m.span);
    Analysis {
        article_id: article.id.clone(),
        analyzer_version: "test".into(),
        language: article.language().to_string(),
        entities: mentions,
        ..Analysis::default()
    }
}

use EntityKind::{Organisation as O, Person as P, Place as L};

pub const WIRE: &str = "The central bank of Kenya raised its benchmark lending rate by 150 basis points on Tuesday, its steepest increase in a decade, as policymakers fought a sharp fall of the shilling against the dollar.\n\nGovernor Kamau Thugge told reporters in Nairobi that the monetary policy committee had voted unanimously for the move, which takes the rate to 12.5 percent. He said inflation was expected to ease slowly over the coming months as fuel and food prices stabilised.\n\nThe shilling has lost nearly a fifth of its value this year, making imports more expensive and raising the cost of servicing the country's external debt, much of it held in dollars.\n\nAnalysts at several Nairobi brokerages had expected a smaller rise. Some warned that higher borrowing costs would weigh on small businesses, which already complain of tight credit conditions after two years of slow growth.\n\nThe International Monetary Fund, which is finishing a review of its lending programme with Kenya, welcomed the decision in a short statement issued from Washington.";

pub const KENYA_REWRITE: &str = "Kenyan policymakers on Tuesday lifted the key interest rate to 12.5% in an aggressive attempt to defend the shilling, which has slumped against the dollar this year.\n\nIn Nairobi, Kamau Thugge, who heads the Central Bank of Kenya, argued the 150-basis-point hike was needed to anchor expectations. Businesses fear credit will become harder to obtain. The IMF praised the central bank for acting decisively.";

pub const KENYA_FR: &str = "La banque centrale du Kenya a relevé mardi son taux directeur de 150 points de base, à 12,5 %, pour enrayer la chute du shilling face au dollar.\n\nLe gouverneur Kamau Thugge a expliqué à Nairobi que le comité de politique monétaire avait voté à l'unanimité. Le Fonds monétaire international a salué cette décision, selon un communiqué publié à Washington.";

pub fn kenya_entities() -> Vec<(&'static str, &'static str, EntityKind)> {
    vec![
        ("Kamau Thugge", "kamau thugge", P),
        ("Central Bank of Kenya", "Q:central-bank-of-kenya", O),
        ("central bank of Kenya", "Q:central-bank-of-kenya", O),
        ("banque centrale du Kenya", "Q:central-bank-of-kenya", O),
        ("Kenya", "Q:kenya", L),
        ("Nairobi", "Q:nairobi", L),
        ("Washington", "Q:washington", L),
        ("International Monetary Fund", "Q:imf", O),
        ("IMF", "Q:imf", O),
        ("Fonds monétaire international", "Q:imf", O),
    ]
}

pub const FLOOD: &str = "Heavy rain caused the Danube to burst its banks near the Hungarian town of Esztergom on Sunday, forcing the evacuation of more than 2,000 residents from low-lying districts.\n\nMayor Adam Hernadi said firefighters and soldiers had worked through the night to reinforce dykes with sandbags. Several roads to Budapest were closed and train services along the river were suspended.\n\nForecasters expect the water level to peak on Tuesday at around eight metres, close to the record set in 2013.";

pub const FLOOD_REWRITE: &str = "More than 2,000 people were evacuated from Esztergom after the Danube overflowed on Sunday following days of heavy rain.\n\nSoldiers and firefighters built sandbag walls overnight, according to Mayor Adam Hernadi. The river is expected to crest on Tuesday near eight metres, just below the 2013 record, and rail traffic towards Budapest has been halted.";

pub fn flood_entities() -> Vec<(&'static str, &'static str, EntityKind)> {
    vec![
        ("Danube", "Q:danube", L),
        ("Esztergom", "Q:esztergom", L),
        ("Adam Hernadi", "adam hernadi", P),
        ("Budapest", "Q:budapest", L),
    ]
}

pub const STRIKE: &str = "Dock workers at the port of Rotterdam walked out on Monday in a dispute over automation, halting container traffic at Europe's largest harbour.\n\nThe FNV union said the strike would last 48 hours unless terminal operators agreed to guarantee jobs for crane drivers whose work is being taken over by remote-controlled systems.\n\nShipping lines diverted several vessels to Antwerp and Hamburg. Port officials said about 30 ships were waiting offshore.";

pub const STRIKE_REWRITE: &str = "Container handling at Rotterdam came to a standstill as dockers began a 48-hour walkout over automated cranes, the FNV union said.\n\nAround 30 vessels were waiting to berth and some carriers rerouted cargo to Antwerp and Hamburg, according to the port authority. The union wants job guarantees for crane operators.";

pub fn strike_entities() -> Vec<(&'static str, &'static str, EntityKind)> {
    vec![
        ("Rotterdam", "Q:rotterdam", L),
        ("FNV", "fnv", O),
        ("Antwerp", "Q:antwerp", L),
        ("Hamburg", "Q:hamburg", L),
    ]
}

pub const ELECTION_FR: &str = "Les électeurs sénégalais se rendent aux urnes dimanche pour un scrutin présidentiel très disputé, après des mois de tensions politiques et le report contesté de l'élection.\n\nDix-neuf candidats sont en lice, dont Bassirou Diomaye Faye, libéré de prison il y a dix jours, et l'ancien Premier ministre Amadou Ba, candidat de la coalition au pouvoir.\n\nLa commission électorale a indiqué que plus de sept millions d'électeurs étaient inscrits. Les premiers résultats sont attendus lundi soir.";

pub const ELECTION_FR_REWRITE: &str = "Plus de sept millions de Sénégalais sont appelés à voter dimanche pour élire leur président, au terme d'une campagne éclair marquée par le report du scrutin.\n\nLe duel attendu oppose Amadou Ba, dauphin désigné du camp présidentiel, à Bassirou Diomaye Faye, sorti de prison récemment. Dix-neuf candidats au total briguent la magistrature suprême.";

pub fn election_entities() -> Vec<(&'static str, &'static str, EntityKind)> {
    vec![
        ("Bassirou Diomaye Faye", "bassirou diomaye faye", P),
        ("Amadou Ba", "amadou ba", P),
        ("sénégalais", "Q:senegal", L),
        ("Sénégalais", "Q:senegal", L),
    ]
}
