//! Behaviour of copies, clustering and similarity on hand-written articles.

mod common;

use common::*;
use recoupe_core::{Analysis, Article, Story};
use recoupe_stories::{cluster, find_copies, similarity, StoryConfig, StoryEngine};

type Item = (Article, Analysis);

fn item(
    id: &str,
    title: &str,
    text: &str,
    lang: &str,
    date: (i32, u32, u32),
    entities: &[(&str, &str, recoupe_core::EntityKind)],
) -> Item {
    let a = article(id, title, text, lang, date);
    let x = analysis(&a, entities);
    (a, x)
}

fn refs(items: &[Item]) -> Vec<(&Article, &Analysis)> {
    items.iter().map(|(a, x)| (a, x)).collect()
}

/// The wire dispatch and four edited reprints, plus an independent rewrite.
fn kenya_items() -> Vec<Item> {
    let e = kenya_entities();
    let added = format!("{WIRE}\n\nThe decision comes a week after the finance ministry announced new spending cuts to reassure lenders and rating agencies.");
    let removed: String = WIRE.split("\n\n").take(3).collect::<Vec<_>>().join("\n\n");
    let boilerplate = format!("Follow us on Facebook and Twitter for the latest business news.\n\n{WIRE}\n\nCopyright 2024 Daily Ledger. All rights reserved. Subscribe to our newsletter to get the morning briefing.");
    let mut reprint = item(
        "k-headline",
        "Shilling slump forces record rate rise",
        WIRE,
        "en",
        (2024, 3, 6),
        &e,
    );
    reprint.0.meta.agency = Some("Reuters".into());
    vec![
        item(
            "k-wire",
            "Kenya central bank raises rate to 12.5% to defend shilling",
            WIRE,
            "en",
            (2024, 3, 5),
            &e,
        ),
        reprint,
        item("k-added", "Kenya raises rates", &added, "en", (2024, 3, 6), &e),
        item(
            "k-removed",
            "Kenya hikes rates by 150 points",
            &removed,
            "en",
            (2024, 3, 6),
            &e,
        ),
        item(
            "k-boiler",
            "Kenya central bank raises rate",
            &boilerplate,
            "en",
            (2024, 3, 6),
            &e,
        ),
        item(
            "k-rewrite",
            "Kenya lifts key rate to defend currency",
            KENYA_REWRITE,
            "en",
            (2024, 3, 5),
            &e,
        ),
    ]
}

fn other_items() -> Vec<Item> {
    vec![
        item(
            "f-1",
            "Danube floods Esztergom",
            FLOOD,
            "en",
            (2024, 3, 4),
            &flood_entities(),
        ),
        item(
            "s-1",
            "Rotterdam dockers strike",
            STRIKE,
            "en",
            (2024, 3, 5),
            &strike_entities(),
        ),
        item(
            "e-1",
            "Sénégal : jour de vote",
            ELECTION_FR,
            "fr",
            (2024, 3, 5),
            &election_entities(),
        ),
        item(
            "k-fr",
            "Le Kenya relève son taux directeur",
            KENYA_FR,
            "fr",
            (2024, 3, 6),
            &kenya_entities(),
        ),
        item(
            "f-2",
            "Thousands evacuated as Danube overflows",
            FLOOD_REWRITE,
            "en",
            (2024, 3, 5),
            &flood_entities(),
        ),
        item(
            "s-2",
            "Rotterdam port halted by 48-hour strike",
            STRIKE_REWRITE,
            "en",
            (2024, 3, 6),
            &strike_entities(),
        ),
        item(
            "e-2",
            "Présidentielle au Sénégal",
            ELECTION_FR_REWRITE,
            "fr",
            (2024, 3, 6),
            &election_entities(),
        ),
    ]
}

fn all_items() -> Vec<Item> {
    let mut v = kenya_items();
    v.extend(other_items());
    v
}

/// Stories as sorted lists of sorted member ids (order-free comparison).
fn partition(stories: &[Story]) -> Vec<Vec<String>> {
    let mut p: Vec<Vec<String>> = stories
        .iter()
        .map(|s| {
            let mut ids = s.article_ids.clone();
            ids.sort();
            ids
        })
        .collect();
    p.sort();
    p
}

fn expected_partition() -> Vec<Vec<String>> {
    let groups: [&[&str]; 4] = [
        &[
            "k-wire",
            "k-headline",
            "k-added",
            "k-removed",
            "k-boiler",
            "k-rewrite",
            "k-fr",
        ],
        &["f-1", "f-2"],
        &["s-1", "s-2"],
        &["e-1", "e-2"],
    ];
    let mut p: Vec<Vec<String>> = groups
        .iter()
        .map(|g| {
            let mut v: Vec<String> = g.iter().map(|s| s.to_string()).collect();
            v.sort();
            v
        })
        .collect();
    p.sort();
    p
}

#[test]
fn copies_are_found_under_edits() {
    let items = kenya_items();
    let groups = find_copies(&refs(&items));
    assert_eq!(groups.len(), 1, "{groups:?}");
    let g = &groups[0];
    assert_eq!(g.original, "k-wire", "earliest published is the original");
    assert_eq!(g.copies, ["k-headline", "k-added", "k-removed", "k-boiler"]);
    assert_eq!(g.agency.as_deref(), Some("Reuters"));
}

#[test]
fn independent_articles_are_not_copies() {
    let items = all_items();
    let groups = find_copies(&refs(&items));
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert!(!groups[0].copies.iter().any(|c| c == "k-rewrite" || c == "k-fr"));
}

#[test]
fn original_is_longest_when_published_together() {
    let e = kenya_entities();
    let short: String = WIRE.split("\n\n").take(2).collect::<Vec<_>>().join("\n\n");
    let items = vec![
        item("short", "t", &short, "en", (2024, 3, 5), &e),
        item("full", "t", WIRE, "en", (2024, 3, 5), &e),
    ];
    let groups = find_copies(&refs(&items));
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].original, "full");
    assert_eq!(groups[0].copies, ["short"]);
}

#[test]
fn clusters_the_hand_written_stories() {
    let items = all_items();
    let stories = cluster(&refs(&items), &StoryConfig::default());
    assert_eq!(partition(&stories), expected_partition(), "{stories:#?}");
    let kenya = &stories[0];
    assert_eq!(kenya.id, "story-k-wire");
    assert_eq!(kenya.copy_groups.len(), 1);
    assert_eq!(kenya.original_of("k-added"), Some("k-wire"));
    assert_eq!(kenya.reasons.len(), kenya.article_ids.len());
    let fr = kenya
        .reasons
        .iter()
        .find(|r| r.article_id == "k-fr")
        .expect("reason of k-fr");
    assert!(fr.score >= fr.threshold);
    assert!(fr.shared_entities.iter().any(|e| e == "kamau thugge"), "{fr:?}");
}

#[test]
fn incremental_equals_batch_and_is_deterministic() {
    let items = all_items();
    let batch = cluster(&refs(&items), &StoryConfig::default());
    let mut engine = StoryEngine::new(StoryConfig::default());
    let numbers: Vec<usize> = items.iter().map(|(a, x)| engine.add(a, x)).collect();
    assert_eq!(engine.stories(), batch);
    assert_eq!(cluster(&refs(&items), &StoryConfig::default()), batch);
    // The returned number is the story holding the article at that time.
    assert_eq!(numbers[0], 0);
    assert_eq!(engine.story_of("k-fr"), Some(0));
    // Adding an article again changes nothing.
    let (a, x) = &items[3];
    engine.add(a, x);
    assert_eq!(engine.stories(), batch);
}

#[test]
fn order_effects_are_bounded() {
    let items = all_items();
    let expected = expected_partition();
    // A few deterministic permutations: reversed, and strided.
    let n = items.len();
    let orders: Vec<Vec<usize>> = vec![
        (0..n).rev().collect(),
        (0..n).map(|i| (i * 5) % n).collect(),
        (0..n).map(|i| (i * 3 + 1) % n).collect(),
    ];
    for order in orders {
        let mut seen = order.clone();
        seen.sort_unstable();
        assert_eq!(seen, (0..n).collect::<Vec<_>>(), "not a permutation");
        let shuffled: Vec<(&Article, &Analysis)> = order.iter().map(|&i| (&items[i].0, &items[i].1)).collect();
        let stories = cluster(&shuffled, &StoryConfig::default());
        assert_eq!(partition(&stories), expected, "order {order:?}");
    }
}

#[test]
fn cross_lingual_pair_joins() {
    let items = vec![
        item(
            "en",
            "Kenya lifts key rate",
            KENYA_REWRITE,
            "en",
            (2024, 3, 5),
            &kenya_entities(),
        ),
        item(
            "fr",
            "Le Kenya relève son taux directeur",
            KENYA_FR,
            "fr",
            (2024, 3, 5),
            &kenya_entities(),
        ),
    ];
    let stories = cluster(&refs(&items), &StoryConfig::default());
    assert_eq!(stories.len(), 1, "{stories:#?}");
    let s = similarity((&items[0].0, &items[0].1), (&items[1].0, &items[1].1));
    let unrelated = item("x", "Élection", ELECTION_FR, "fr", (2024, 3, 5), &election_entities());
    let u = similarity((&items[0].0, &items[0].1), (&unrelated.0, &unrelated.1));
    assert!(s > u + 0.2, "same event {s} vs unrelated {u}");
}

#[test]
fn same_actors_a_year_apart_do_not_join() {
    let items = vec![
        item(
            "2024",
            "Danube floods Esztergom",
            FLOOD,
            "en",
            (2024, 9, 15),
            &flood_entities(),
        ),
        item(
            "2025",
            "Danube floods Esztergom again",
            FLOOD_REWRITE,
            "en",
            (2025, 9, 15),
            &flood_entities(),
        ),
    ];
    let stories = cluster(&refs(&items), &StoryConfig::default());
    assert_eq!(stories.len(), 2);
    let near = item(
        "2024b",
        "Danube floods Esztergom",
        FLOOD_REWRITE,
        "en",
        (2024, 9, 16),
        &flood_entities(),
    );
    let s_near = similarity((&items[0].0, &items[0].1), (&near.0, &near.1));
    let s_far = similarity((&items[0].0, &items[0].1), (&items[1].0, &items[1].1));
    assert!(s_far < s_near, "{s_far} < {s_near}");
}

#[test]
fn similarity_ranks_same_story_above_other_stories() {
    let items = all_items();
    let get = |id: &str| items.iter().find(|(a, _)| a.id == id).map(|(a, x)| (a, x)).expect(id);
    let check = |a: &str, b: &str, c: &str| {
        let same = similarity(get(a), get(b));
        let other = similarity(get(a), get(c));
        assert!(same > other, "sim({a},{b})={same} should exceed sim({a},{c})={other}");
        assert!((0.0..=1.0).contains(&same) && (0.0..=1.0).contains(&other));
    };
    check("k-wire", "k-rewrite", "f-1");
    check("f-1", "f-2", "s-1");
    check("s-1", "s-2", "k-wire");
    check("e-1", "e-2", "k-fr");
    let w = get("k-wire");
    assert!((similarity(w, w) - 1.0).abs() < 1e-6);
}

#[test]
fn similarity_is_symmetric() {
    let items = all_items();
    for (a, x) in &items {
        for (b, y) in &items {
            let ab = similarity((a, x), (b, y));
            let ba = similarity((b, y), (a, x));
            assert!((ab - ba).abs() < 1e-9, "{} {}", a.id, b.id);
        }
    }
}

/// The same stock wording about two different events: only the people, the
/// company and the town differ, as in two flood reports or two plant openings
/// written from an agency's templates.
fn templated(person: &str, company: &str, town: &str) -> String {
    format!(
        "The minister of industry, {person}, inaugurated on Monday a new cement plant built by {company} near {town}, \
         the first of its kind in the region.\n\n\
         Speaking at the ceremony, {person} said the plant would create hundreds of jobs and reduce imports of clinker. \
         {company} said production would start next month.\n\n\
         Residents of {town} welcomed the project but asked for guarantees on dust and water use.\n\n\
         The government has made local production of building materials a priority of its industrial plan, \
         with tax breaks for investors who build kilns, grinding units and quarries outside the capital. \
         Construction costs have risen sharply in the past two years as the price of imported clinker doubled."
    )
}

fn templated_item(id: &str, person: &str, company: &str, town: &str, day: u32) -> Item {
    let text = templated(person, company, town);
    let entities = [
        (person, person, recoupe_core::EntityKind::Person),
        (company, company, recoupe_core::EntityKind::Organisation),
        (town, town, recoupe_core::EntityKind::Place),
    ];
    let e: Vec<(&str, &str, recoupe_core::EntityKind)> = entities.to_vec();
    item(
        id,
        &format!("New cement plant opens near {town}"),
        &text,
        "en",
        (2024, 5, day),
        &e,
    )
}

#[test]
fn same_wording_about_other_people_is_another_story() {
    // Two tellings of each event (one reworded slightly by its title only), and
    // two events that share every stock phrase.
    let items = vec![
        templated_item("a-1", "Abena Mensah", "Volta Cement", "Tema", 6),
        templated_item("b-1", "Kwesi Owusu", "Ashanti Building Materials", "Kumasi", 7),
        templated_item("a-2", "Abena Mensah", "Volta Cement", "Tema", 7),
        templated_item("b-2", "Kwesi Owusu", "Ashanti Building Materials", "Kumasi", 8),
    ];
    let stories = cluster(&refs(&items), &StoryConfig::default());
    let expected: Vec<Vec<String>> = vec![vec!["a-1".into(), "a-2".into()], vec!["b-1".into(), "b-2".into()]];
    assert_eq!(partition(&stories), expected, "{stories:#?}");
    // The pair score says why: the wording agrees, the entities do not.
    let signals = recoupe_stories::pair_signals((&items[0].0, &items[0].1), (&items[1].0, &items[1].1));
    assert!(signals.text > 0.5, "{signals:?}");
    assert_eq!(signals.entities, Some(0.0), "{signals:?}");
    assert!(signals.score < StoryConfig::default().join_threshold, "{signals:?}");
    // Without the entity check the wording alone would have joined them.
    let no_gate = StoryConfig {
        entity_agreement: 0.0,
        ..StoryConfig::default()
    };
    let chained = cluster(&refs(&items), &no_gate);
    assert!(chained.len() < stories.len(), "{chained:#?}");
}

#[test]
fn features_computed_on_threads_give_the_same_stories() {
    // Enough articles for the parallel path of `cluster` (64 and more).
    let config = recoupe_corpus::GenConfig {
        articles: 240,
        stories: 24,
        days: 20,
        ..Default::default()
    };
    let analyzer = recoupe_analyze::Analyzer::new();
    let items: Vec<Item> = recoupe_corpus::generate(&config)
        .map(|g| {
            let a = article(&g.id, &g.title, &g.text, &g.lang, {
                use chrono::Datelike;
                (g.published.year(), g.published.month(), g.published.day())
            });
            let x = analyzer.analyze(&a);
            (a, x)
        })
        .collect();
    let batch = cluster(&refs(&items), &StoryConfig::default());
    let mut engine = StoryEngine::new(StoryConfig::default());
    for (a, x) in &items {
        engine.add(a, x);
    }
    assert_eq!(engine.stories(), batch);
}

// ---------------------------------------------------------------------------
// Copies decided on a shared passage, whatever surrounds it; names across scripts.

/// A page that reprints the first two paragraphs of the wire inside much other
/// furniture (menus, a related-stories list, a cookie note): the shared passage is
/// a small part of the page, far below the containment threshold.
fn furniture_page() -> String {
    let wire: Vec<&str> = WIRE.split("\n\n").take(2).collect();
    format!(
        "Home | Business | Markets | Opinion | Sport | Weather | Podcasts | Newsletters\n\n\
         Most read today: farmers in the Rift Valley brace for a late harvest; the port of Mombasa \
         opens a new container berth; a Nairobi startup raises seed money for solar kiosks; \
         schools reopen after the mid-term break with new textbooks in every county.\n\n{}\n\n\
         Related: tea exporters count the cost of a wet season; airline adds a route to Lagos; \
         city council debates parking fees; marathon champion announces retirement plans.\n\n\
         We use cookies to improve your experience. By continuing to browse you accept our terms, \
         our privacy notice and the use of analytics by our partners across the network.",
        wire.join("\n\n")
    )
}

#[test]
fn a_reprinted_passage_inside_page_furniture_is_a_copy() {
    let e = kenya_entities();
    let page = furniture_page();
    let items = vec![
        item("wire", "Kenya raises rates", WIRE, "en", (2024, 3, 5), &e),
        item("page", "Business news", &page, "en", (2024, 3, 5), &e),
    ];
    let groups = find_copies(&refs(&items));
    assert_eq!(groups.len(), 1, "{groups:?}");
    let mut members: Vec<&str> = std::iter::once(groups[0].original.as_str())
        .chain(groups[0].copies.iter().map(String::as_str))
        .collect();
    members.sort_unstable();
    assert_eq!(members, ["page", "wire"]);
    let stories = cluster(&refs(&items), &StoryConfig::default());
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].copy_groups.len(), 1, "the engine sees the copy too");
}

#[test]
fn a_shared_quotation_does_not_make_a_copy() {
    let e = kenya_entities();
    // Two independent reports quoting the same sentence of the governor.
    let quote = "\"We will do whatever it takes to bring inflation back within the target range this year\"";
    let a = format!(
        "Kenya's central bank lifted its key rate on Tuesday. {quote}, governor Kamau Thugge said in Nairobi. \
         Traders had priced in a smaller move, and the shilling firmed slightly after the announcement."
    );
    let b = format!(
        "Borrowing costs in Kenya rose again as the monetary policy committee met. {quote}, Thugge told \
         journalists. Small businesses say credit is already scarce, and bankers expect loan demand to slow."
    );
    let items = vec![
        item("a", "Rates up", &a, "en", (2024, 3, 5), &e),
        item("b", "Costs rise", &b, "en", (2024, 3, 5), &e),
    ];
    assert!(find_copies(&refs(&items)).is_empty());
}

#[test]
fn names_bridge_scripts_without_an_entity_table() {
    // No analysed entities at all: only the words of the texts.
    let en = item(
        "en",
        "Dravinsko votes",
        "Voters in Dravinsko elected Milorad Kestrevic as mayor on Sunday, ending twelve years of rule \
         by Tomasz Orlavsky. Kestrevic promised to reopen the Zelengrad bridge.",
        "en",
        (2024, 5, 12),
        &[],
    );
    let ru = item(
        "ru",
        "Выборы в Дравинско",
        "Избиратели Дравинско в воскресенье выбрали мэром Милорада Кестревича. Томаш Орлавский \
         руководил городом двенадцать лет. Кестревич обещал открыть мост в Зеленграде.",
        "ru",
        (2024, 5, 12),
        &[],
    );
    let other = item(
        "other",
        "Harvest",
        "Farmers in the south expect a late harvest after weeks of rain, the ministry of agriculture \
         said on Sunday, and grain prices rose on the regional exchange.",
        "en",
        (2024, 5, 12),
        &[],
    );
    let with_names = StoryConfig {
        cross_language_names: true,
        ..StoryConfig::default()
    };
    let without = StoryConfig {
        cross_language_names: false,
        ..StoryConfig::default()
    };
    let joined = cluster(&refs(&[en.clone(), ru.clone(), other]), &with_names);
    assert_eq!(joined.len(), 2, "name keys join the two tellings, not the harvest");
    let apart_without = cluster(&refs(&[en, ru]), &without);
    assert_eq!(apart_without.len(), 2, "without name keys nothing bridges the scripts");
}

#[test]
fn pair_signals_count_embeddings_when_given() {
    let a = templated_item("a-1", "Abena Mensah", "Volta Cement", "Tema", 6);
    let b = templated_item("b-1", "Kwesi Owusu", "Ashanti Building Materials", "Kumasi", 7);
    let (x, y) = ((&a.0, &a.1), (&b.0, &b.1));
    let lexical = recoupe_stories::pair_signals(x, y);
    // No embeddings, or unusable ones: exactly the lexical signals.
    assert_eq!(recoupe_stories::pair_signals_with(x, y, None), lexical);
    let short = [1.0f32, 0.0];
    let long = [1.0f32, 0.0, 0.0];
    assert_eq!(recoupe_stories::pair_signals_with(x, y, Some((&short, &long))), lexical);
    assert_eq!(lexical.semantic, None);
    // Same direction: cosine 1, the score rises; opposite halves: cosine 0, it falls.
    let same = recoupe_stories::pair_signals_with(x, y, Some((&[0.6, 0.8, 0.0], &[0.6, 0.8, 0.0])));
    let apart = recoupe_stories::pair_signals_with(x, y, Some((&[1.0, 0.0, 0.0], &[0.0, 0.0, 1.0])));
    assert!((same.semantic.unwrap_or(0.0) - 1.0).abs() < 1e-9, "{same:?}");
    assert_eq!(apart.semantic, Some(0.0), "{apart:?}");
    assert_eq!((same.text, same.entities), (lexical.text, lexical.entities));
    assert!(same.score > lexical.score, "{same:?} vs {lexical:?}");
    assert!(apart.score < same.score, "{apart:?} vs {same:?}");
}
