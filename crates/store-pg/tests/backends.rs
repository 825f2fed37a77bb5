//! One test suite, run against both engines: every test below is a function
//! of `&mut dyn Storage`, instantiated once on SQLite (a temporary folder) and
//! once on PostgreSQL (a fresh schema of its own, so tests run in parallel).
//! `same_results_on_both_engines` then fills both from the same inputs and
//! compares what they answer.

#[path = "../../../test-support/services.rs"]
mod services;

use recoupe_core::{Analysis, Document, MediaType, Origin};
use recoupe_core::{JoinReason, Story};
use recoupe_pipeline::{
    DossierFacts, ReadOptions, Storage, Store, StoreError, StoryMember, StoryQuery, StoryRead, StorySort, StoryStorage,
    StorySummary,
};
use recoupe_store::StoryWrite;
use recoupe_store_pg::PgStore;

/// A PostgreSQL store in a schema of its own, dropped at the end of the test.
struct PgFixture {
    store: PgStore,
    url: String,
    schema: String,
}

impl Drop for PgFixture {
    fn drop(&mut self) {
        if let Ok(mut client) = postgres::Client::connect(&self.url, postgres::NoTls) {
            let _ = client.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
        }
    }
}

fn postgres(test: &str) -> Option<PgFixture> {
    let url = services::require_postgres(test)?;
    let schema = services::unique_name("pgnats", test);
    let store = match PgStore::open_in_schema(&url, &schema) {
        Ok(store) => store,
        Err(e) => panic!("{test}: PostgreSQL answers at {url} but the store cannot open: {e}"),
    };
    Some(PgFixture { store, url, schema })
}

fn sqlite() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open sqlite store");
    (dir, store)
}

/// Instantiates each listed test function for both engines.
macro_rules! on_both_engines {
    ($($test:ident),* $(,)?) => {
        mod sqlite_engine {
            $(#[test]
            fn $test() {
                let (_dir, mut store) = super::sqlite();
                super::$test(&mut store);
            })*
        }
        mod postgres_engine {
            $(#[test]
            fn $test() {
                let Some(mut fixture) = super::postgres(stringify!($test)) else { return };
                super::$test(&mut fixture.store);
            })*
        }
    };
}

on_both_engines!(
    documents_are_stored_once_and_read_back,
    copies_are_linked_to_the_first_source,
    failed_batch_rolls_back,
    ingest_is_idempotent,
    search_folds_accents_and_marks_matches,
    articles_are_found_by_id_prefix,
    analyses_are_kept_per_analyzer_version,
    nul_characters_do_not_break_storing_or_search,
    story_tables_answer_the_same_queries,
    story_updates_after_ingest,
);

fn doc(path: &str, text: &str) -> Document {
    Document::new(
        Origin::File { path: path.into() },
        MediaType::Text,
        text.as_bytes().to_vec(),
    )
}

/// Our own test text: two French and two English dispatches, one reprinted by a
/// second outlet, one German (stored under the `simple` configuration).
const INPUTS: &[(&str, &str)] = &[
    (
        "lyon.txt",
        "Les élections municipales reportées à Lyon\n\nLe conseil municipal de Lyon a annoncé mardi que les élections municipales seraient reportées de deux semaines. La préfecture a confirmé la décision dans un communiqué publié dans la soirée. Les électeurs recevront une nouvelle carte avant la fin du mois, selon la mairie.\n",
    ),
    (
        "port.txt",
        "Grève au port de Marseille\n\nLes dockers du port de Marseille ont entamé une grève de trois jours pour protester contre la réforme des horaires. Selon le syndicat, près de huit cents salariés ont cessé le travail dès lundi matin. La direction du port a proposé une réunion jeudi.\n",
    ),
    (
        "bridge.txt",
        "Bridge closed after storm damage in Leeds\n\nThe city council of Leeds closed the old river bridge on Tuesday after engineers found cracks caused by the storm. Officials said repairs would take at least six weeks and that buses would be diverted through the northern ring road.\n",
    ),
    (
        "reprint/bridge.txt",
        "Bridge closed after storm damage in Leeds\n\nThe city council of Leeds closed the old river bridge on Tuesday after engineers found cracks caused by the storm. Officials said repairs would take at least six weeks and that buses would be diverted through the northern ring road.\n",
    ),
    (
        "library.txt",
        "Library opens new reading rooms\n\nThe public library of Bristol opened three new reading rooms on Saturday, funded by a local charity. The librarian said that the rooms would stay open until ten in the evening during the examination period.\n",
    ),
    (
        "berlin.txt",
        "Neue Brücke in Berlin eröffnet\n\nDie neue Brücke über die Spree wurde am Montag eröffnet. Der Bürgermeister sagte, dass der Verkehr in der Innenstadt damit deutlich entlastet werde. Die Bauarbeiten hatten drei Jahre gedauert.\n",
    ),
];

fn input_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, text) in INPUTS {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, text).expect("write input");
    }
    dir
}

fn ingest<S: Storage + ?Sized>(store: &mut S, folder: &std::path::Path) -> recoupe_pipeline::IngestReport {
    recoupe_pipeline::ingest(
        store,
        &[folder.display().to_string()],
        &ReadOptions::default(),
        &mut |_, _| {},
    )
    .expect("ingest")
}

fn documents_are_stored_once_and_read_back(store: &mut dyn Storage) {
    let (a, b) = (doc("a.txt", "un"), doc("b.txt", "deux"));
    assert!(store.put_document(&a).expect("put"));
    assert!(
        !store.put_document(&a).expect("put again"),
        "same identity: stored once"
    );
    assert!(store.put_document(&b).expect("put"));
    assert_eq!(store.counts().expect("counts"), (2, 0));
    let back = store.document(&a.hash).expect("get").expect("present");
    assert_eq!(back, a);
    assert_eq!(back.raw, b"un");
    assert_eq!(store.document("0000").expect("get"), None);
    assert_eq!(
        store.document_hashes().expect("hashes"),
        vec![a.hash.clone(), b.hash.clone()]
    );
    assert_eq!(store.check().expect("check"), Vec::<String>::new());
}

fn copies_are_linked_to_the_first_source(store: &mut dyn Storage) {
    let first = doc("a.txt", "Le même texte.");
    let reprint = doc("b.txt", "Le même texte.");
    assert!(store.put_document(&first).expect("put"));
    assert!(store.put_document(&reprint).expect("put"));
    assert_eq!(store.copy_of(&first.hash).expect("copy"), None);
    assert_eq!(
        store.copy_of(&reprint.hash).expect("copy").as_deref(),
        Some(first.short_id())
    );
    let folder = input_folder();
    let report = ingest(store, folder.path());
    assert_eq!(report.copies, 1, "the Leeds reprint");
    let rows = store.list().expect("list");
    assert_eq!(rows.len(), INPUTS.len());
    let copies: Vec<_> = rows.iter().filter(|r| r.copy_of.is_some()).collect();
    assert_eq!(copies.len(), 1);
    let original = copies[0].copy_of.as_deref().expect("copy of");
    let original_row = rows.iter().find(|r| r.id == original).expect("original listed");
    assert_eq!(original_row.title, copies[0].title);
    assert_eq!(original_row.copy_of, None);
}

fn failed_batch_rolls_back(store: &mut dyn Storage) {
    store.put_document(&doc("kept.txt", "kept")).expect("put");
    let lost = doc("lost.txt", "lost");
    let result = store.transaction(&mut |s| {
        s.put_document(&lost)?;
        Err(StoreError::Ambiguous {
            prefix: "x".into(),
            count: 2,
        })
    });
    assert!(result.is_err());
    assert_eq!(store.counts().expect("counts"), (1, 0));
    assert_eq!(store.document(&lost.hash).expect("get"), None);
    store
        .transaction(&mut |s| s.put_document(&lost).map(|_| ()))
        .expect("commit");
    assert_eq!(store.counts().expect("counts"), (2, 0));
}

fn ingest_is_idempotent(store: &mut dyn Storage) {
    let folder = input_folder();
    let first = ingest(store, folder.path());
    assert_eq!((first.documents, first.articles, first.duplicates), (6, 6, 0));
    assert!(first.errors.is_empty(), "{:?}", first.errors);
    let before = store.list().expect("list");
    let second = ingest(store, folder.path());
    assert_eq!((second.documents, second.articles, second.duplicates), (6, 0, 6));
    assert_eq!(store.counts().expect("counts"), (6, 6));
    assert_eq!(store.list().expect("list"), before, "nothing changed");
    assert_eq!(store.check().expect("check"), Vec::<String>::new());
    let languages: Vec<Option<String>> = before.iter().map(|r| r.language.clone()).collect();
    let count = |code: &str| languages.iter().filter(|l| l.as_deref() == Some(code)).count();
    assert_eq!((count("fr"), count("en"), count("de")), (2, 3, 1), "{languages:?}");
}

fn search_folds_accents_and_marks_matches(store: &mut dyn Storage) {
    let folder = input_folder();
    ingest(store, folder.path());
    let title_of = |id: &str| {
        store
            .article(id)
            .expect("article")
            .and_then(|(a, _)| a.meta.title)
            .unwrap_or_default()
    };
    let hits = store.search("élections", 10).expect("search");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(title_of(&hits[0].0).contains("Lyon"));
    assert!(
        hits[0].1.contains("[élections]"),
        "snippet marks the word: {}",
        hits[0].1
    );
    // Unaccented query, accented text.
    let unaccented = store.search("elections", 10).expect("search");
    assert_eq!(unaccented.iter().map(|h| &h.0).collect::<Vec<_>>(), vec![&hits[0].0]);
    // Every word must match; German under the `simple` configuration.
    assert_eq!(store.search("bridge Leeds", 10).expect("search").len(), 2);
    assert_eq!(store.search("bridge Bristol", 10).expect("search").len(), 0);
    assert_eq!(store.search("Brücke Spree", 10).expect("search").len(), 1);
    assert_eq!(store.search("   ", 10).expect("search"), Vec::<(String, String)>::new());
    assert_eq!(
        store.search("\"quoted\" OR (", 10).expect("search").len(),
        0,
        "no query syntax"
    );
    assert_eq!(store.search("port", 1).expect("search").len(), 1, "limit");
}

fn articles_are_found_by_id_prefix(store: &mut dyn Storage) {
    let folder = input_folder();
    ingest(store, folder.path());
    let articles = store.articles().expect("articles");
    assert_eq!(articles.len(), INPUTS.len());
    let first = &articles[0];
    let (found, version) = store.article(&first.id[..10]).expect("article").expect("found");
    assert_eq!(&found, first);
    assert_eq!(version, recoupe_pipeline::EXTRACTOR_VERSION);
    assert_eq!(
        store.extractor_version(&first.id).expect("version").as_deref(),
        Some(recoupe_pipeline::EXTRACTOR_VERSION)
    );
    assert_eq!(
        store.extractor_version(&first.id[..10]).expect("version"),
        None,
        "exact id only"
    );
    assert!(matches!(store.article(""), Err(StoreError::Ambiguous { .. })));
    assert_eq!(store.article("zz").expect("article"), None);
    // LIKE wildcards are not syntax: `%` and `_` are dropped, not matched.
    assert!(matches!(store.article("%"), Err(StoreError::Ambiguous { .. })));
    assert_eq!(store.article("zz_").expect("article"), None);
}

fn analyses_are_kept_per_analyzer_version(store: &mut dyn Storage) {
    let folder = input_folder();
    ingest(store, folder.path());
    let articles = store.articles().expect("articles");
    let analyzer = recoupe_pipeline::Analyzer::new();
    let (first, errors) = recoupe_pipeline::analyze_stored(store, &analyzer, &articles).expect("analyse");
    assert!(errors.is_empty());
    let stored = store
        .analysis(&articles[0].id, analyzer.version())
        .expect("analysis")
        .expect("stored");
    assert_eq!(stored, first[0]);
    assert_eq!(store.analysis(&articles[0].id, "older").expect("analysis"), None);
    let replaced = Analysis {
        analyzer_version: "newer".into(),
        ..stored.clone()
    };
    store.put_analysis(&replaced).expect("replace");
    assert_eq!(
        store.analysis(&articles[0].id, analyzer.version()).expect("analysis"),
        None
    );
    assert_eq!(
        store.analysis(&articles[0].id, "newer").expect("analysis"),
        Some(replaced)
    );
}

/// The same inputs give the same answers on both engines: listing, articles,
/// analyses and search (as sets: the engines rank ties differently; on these
/// inputs each query's words appear as typed, so stemming adds nothing).
#[test]
fn same_results_on_both_engines() {
    let Some(mut pg) = postgres("same_results_on_both_engines") else {
        return;
    };
    let (_dir, mut lite) = sqlite();
    let folder = input_folder();
    let a = ingest(&mut lite, folder.path());
    let b = ingest(&mut pg.store, folder.path());
    assert_eq!(
        (a.documents, a.articles, a.copies, a.duplicates),
        (b.documents, b.articles, b.copies, b.duplicates)
    );
    assert_eq!(lite.list().expect("list"), pg.store.list().expect("list"));
    let articles = Storage::articles(&lite).expect("articles");
    assert_eq!(articles, pg.store.articles().expect("articles"));
    assert_eq!(
        Storage::document_hashes(&lite).expect("hashes"),
        pg.store.document_hashes().expect("hashes")
    );
    let analyzer = recoupe_pipeline::Analyzer::new();
    let (x, _) = recoupe_pipeline::analyze_stored(&lite, &analyzer, &articles).expect("analyse");
    let (y, _) = recoupe_pipeline::analyze_stored(&pg.store, &analyzer, &articles).expect("analyse");
    assert_eq!(x, y);
    for query in [
        "élections",
        "port",
        "bridge",
        "Leeds storm",
        "Brücke",
        "library rooms",
        "Marseille",
        "nothing-here",
    ] {
        let ids = |store: &dyn Storage| {
            let mut ids: Vec<String> = store
                .search(query, 20)
                .expect("search")
                .into_iter()
                .map(|(id, _)| id)
                .collect();
            ids.sort();
            ids
        };
        assert_eq!(ids(&lite), ids(&pg.store), "query {query:?}");
    }
    assert_eq!(Storage::check(&lite).expect("check"), pg.store.check().expect("check"));
}

/// A database written by a newer recoupe is refused, as SQLite's is.
#[test]
fn postgres_refuses_a_newer_schema() {
    let Some(fixture) = postgres("postgres_refuses_a_newer_schema") else {
        return;
    };
    assert_eq!(
        fixture.store.schema_version().expect("version"),
        recoupe_store::SCHEMA_VERSION
    );
    let mut client = postgres::Client::connect(&fixture.url, postgres::NoTls).expect("connect");
    client
        .batch_execute(&format!("UPDATE {}.schema_version SET version = 99", fixture.schema))
        .expect("update");
    let reopened = PgStore::open_in_schema(&fixture.url, &fixture.schema);
    assert!(matches!(reopened, Err(StoreError::TooNew { found: 99, .. })));
}

/// PostgreSQL text cannot hold NUL (extraction refuses NUL bytes, but a stored
/// article must not depend on it): the article is still stored, read back
/// whole (from its JSON), and found.
fn nul_characters_do_not_break_storing_or_search(store: &mut dyn Storage) {
    let doc = doc("nul.txt", "Un titre\n\nUn texte avec un caractère nul.");
    let mut article =
        recoupe_pipeline::article_from_text("nul.txt", "Un titre\n\nUn texte avec un caractère nul.").expect("article");
    article.text.push_str(" \0 fin");
    article.meta.title = Some("Un\0titre".into());
    article.id = doc.short_id().to_string();
    article.doc_hash = doc.hash.clone();
    store.put_document(&doc).expect("document");
    store.put_article(&article, "v").expect("article with NUL");
    let (back, _) = store.article(&article.id).expect("read").expect("stored");
    assert_eq!(back, article);
    assert_eq!(store.search("caractère", 5).expect("search").len(), 1);
    assert_eq!(store.check().expect("check"), Vec::<String>::new());
}

/// (id, position, size, outlets, languages, first, last, disagreements)
type StoryRow = (
    &'static str,
    i64,
    usize,
    &'static [&'static str],
    &'static [&'static str],
    Option<&'static str>,
    Option<&'static str>,
    Option<usize>,
);

/// Five stories written straight into the story tables (titles with accents
/// and capitals, undated and dated, with and without built dossiers).
const STORIES: &[StoryRow] = &[
    (
        "story-a",
        0,
        5,
        &["Le Monde", "Reuters"],
        &["en", "fr"],
        Some("2025-01-02"),
        Some("2025-01-05"),
        Some(2),
    ),
    (
        "story-b",
        1,
        2,
        &["Reuters"],
        &["en"],
        Some("2025-01-10"),
        Some("2025-01-11"),
        Some(0),
    ),
    (
        "story-c",
        2,
        5,
        &["El País"],
        &["es"],
        Some("2025-01-03"),
        Some("2025-01-03"),
        None,
    ),
    ("story-d", 3, 1, &["Le Monde"], &["fr"], None, None, None),
    (
        "story-e",
        4,
        9,
        &["Le Monde", "El País"],
        &["es", "fr"],
        Some("2024-12-30"),
        Some("2025-01-20"),
        Some(1),
    ),
];

fn story_title(id: &str) -> String {
    match id {
        "story-a" => "Élections à Lyon".to_string(),
        "story-b" => "Bridge closed in LEEDS".to_string(),
        "story-c" => "élections en Espagne".to_string(),
        "story-d" => "Grève au port_100%".to_string(),
        _ => "Leeds bridge reopens".to_string(),
    }
}

fn write_stories(store: &mut dyn StoryStorage) {
    let mut write = StoryWrite::default();
    for &(id, position, size, outlets, languages, first, last, _) in STORIES {
        let members: Vec<String> = (0..size).map(|i| format!("{id}-{i}")).collect();
        for (i, member) in members.iter().enumerate() {
            write.members.push((
                id.to_string(),
                StoryMember {
                    article_id: member.clone(),
                    position: position * 100 + i as i64,
                    source: outlets[i % outlets.len()].to_string(),
                    language: languages[i % languages.len()].to_string(),
                    published: first.map(str::to_string),
                    reason: JoinReason {
                        article_id: member.clone(),
                        matched: (i > 0).then(|| members[0].clone()),
                        score: 0.5,
                        threshold: 0.25,
                        shared_terms: vec!["lyon".into()],
                        shared_entities: Vec::new(),
                    },
                },
            ));
        }
        // The last member of a story of three or more is a copy of the first.
        let copy_groups = if size >= 3 {
            vec![recoupe_core::CopyGroup {
                original: members[0].clone(),
                copies: vec![members[size - 1].clone()],
                agency: Some("AFP".into()),
            }]
        } else {
            Vec::new()
        };
        let story = Story {
            id: id.to_string(),
            title: story_title(id),
            article_ids: members,
            copy_groups,
            reasons: Vec::new(),
        };
        let summary = StorySummary {
            id: id.to_string(),
            position: position * 100,
            title: story.title.clone(),
            size,
            outlets: outlets.len(),
            languages: languages.iter().map(|l| l.to_string()).collect(),
            first_published: first.map(str::to_string),
            last_published: last.map(str::to_string),
            copies: story.copy_groups.len(),
            updated_seq: 1,
        };
        write.stories.push((story, summary));
    }
    store
        .story_transaction(&mut |s| {
            s.apply_story_update(&write, 1)?;
            for &(id, _, _, _, _, _, _, disagreements) in STORIES {
                if let Some(n) = disagreements {
                    s.put_dossier_facts(
                        id,
                        &DossierFacts {
                            disagreements: n,
                            entities: Vec::new(),
                        },
                    )?;
                }
            }
            Ok(true)
        })
        .expect("write the stories");
}

/// The story tables give the same pages, stories, merges and cached dossiers
/// on both engines (the expected answers are SQLite's).
fn story_tables_answer_the_same_queries(store: &mut dyn StoryStorage) {
    write_stories(store);
    let q = |sort, language: Option<&str>, outlet: Option<&str>, from: Option<&str>, to: Option<&str>| StoryQuery {
        sort,
        language: language.map(str::to_string),
        outlet: outlet.map(str::to_string),
        from: from.map(str::to_string),
        to: to.map(str::to_string),
        ..StoryQuery::default()
    };
    let paged = |sort, offset, limit| StoryQuery {
        sort,
        offset,
        limit,
        ..StoryQuery::default()
    };
    let titled = |words: &[&str]| StoryQuery {
        sort: StorySort::Title,
        title_words: words.iter().map(|w| w.to_string()).collect(),
        ..StoryQuery::default()
    };
    use StorySort::{Arrival, Disagreements, Latest, Size, Title};
    let table: Vec<(StoryQuery, usize, &[&str])> = vec![
        (
            q(Size, None, None, None, None),
            5,
            &["story-e", "story-a", "story-c", "story-b", "story-d"],
        ),
        (paged(Size, 2, 2), 5, &["story-c", "story-b"]),
        (paged(Size, 4, 2), 5, &["story-d"]),
        (paged(Size, 9, 2), 5, &[]),
        // Undated last, as SQLite sorts NULL lowest.
        (
            q(Latest, None, None, None, None),
            5,
            &["story-e", "story-b", "story-a", "story-c", "story-d"],
        ),
        (
            q(Arrival, None, None, None, None),
            5,
            &["story-a", "story-b", "story-c", "story-d", "story-e"],
        ),
        // Byte order: capitals, then lower case, then accented letters.
        (
            q(Title, None, None, None, None),
            5,
            &["story-b", "story-d", "story-e", "story-a", "story-c"],
        ),
        (
            q(Disagreements, None, None, None, None),
            5,
            &["story-a", "story-e", "story-c", "story-b", "story-d"],
        ),
        (
            StoryQuery {
                with_disagreements: true,
                ..q(Size, None, None, None, None)
            },
            2,
            &["story-e", "story-a"],
        ),
        (
            q(Size, Some("fr"), None, None, None),
            3,
            &["story-e", "story-a", "story-d"],
        ),
        (q(Size, Some("de"), None, None, None), 0, &[]),
        (q(Latest, None, Some("Reuters"), None, None), 2, &["story-b", "story-a"]),
        (q(Size, Some("fr"), Some("El País"), None, None), 1, &["story-e"]),
        (
            q(Arrival, None, None, Some("2025-01-04"), Some("2025-01-10")),
            3,
            &["story-a", "story-b", "story-e"],
        ),
        (q(Size, None, None, None, Some("2025-01-01")), 1, &["story-e"]),
        // ASCII letters match in any case, others only as typed (SQLite's LIKE).
        (titled(&["leeds"]), 2, &["story-b", "story-e"]),
        (titled(&["BRIDGE", "closed"]), 1, &["story-b"]),
        (titled(&["élections"]), 1, &["story-c"]),
        (titled(&["ÉLECTIONS"]), 1, &["story-a"]),
        (titled(&["_100%"]), 1, &["story-d"]),
        (titled(&["port%"]), 0, &[]),
    ];
    for (query, total, expected) in table {
        let page = store.story_page(&query).expect("query");
        let ids: Vec<&str> = page.stories.iter().map(|s| s.id.as_str()).collect();
        assert_eq!((page.total, ids.as_slice()), (total, expected), "{query:?}");
    }
    let a = store.story("story-a").expect("story").expect("present");
    assert_eq!(a.article_ids.len(), 5);
    assert_eq!(a.copy_groups.len(), 1);
    assert_eq!(a.copy_groups[0].copies, vec!["story-a-4".to_string()]);
    assert_eq!(a.reasons[1].matched.as_deref(), Some("story-a-0"));
    assert_eq!(
        store.story_disagreements("story-a").expect("facts").map(|c| c.count),
        Some(2)
    );
    assert_eq!(store.story_disagreements("story-c").expect("facts"), None);
    // Counted facts are current; story-c (5 articles) was never counted, story-d
    // (one article) needs no count.
    assert!(store
        .story_disagreements("story-a")
        .expect("facts")
        .is_some_and(|c| c.current));
    assert_eq!(
        store.stories_to_count(10).expect("to count"),
        vec!["story-c".to_string()]
    );
    // Merges: members follow, old ids resolve, facts and dossiers of the absorbed go.
    store.put_dossier("story-b", "f1", "v1", "{}").expect("cache");
    assert_eq!(
        store.cached_dossier("story-b", "f1", "v1").expect("get").as_deref(),
        Some("{}")
    );
    assert_eq!(store.cached_dossier("story-b", "f2", "v1").expect("get"), None);
    let merge = |gone: &str, into: &str| StoryWrite {
        merged: vec![(gone.to_string(), into.to_string())],
        ..StoryWrite::default()
    };
    store
        .apply_story_update(&merge("story-b", "story-a"), 2)
        .expect("merge");
    store
        .apply_story_update(&merge("story-a", "story-e"), 3)
        .expect("merge");
    for (id, now) in [
        ("story-b", Some("story-e")),
        ("story-a", Some("story-e")),
        ("story-c", Some("story-c")),
        ("story-zz", None),
    ] {
        assert_eq!(store.resolve_story(id).expect("resolve").as_deref(), now, "{id}");
    }
    assert_eq!(
        store.story_of_article("story-b-1").expect("member").as_deref(),
        Some("story-e")
    );
    assert_eq!(store.story_members("story-e").expect("members").len(), 9 + 5 + 2);
    assert_eq!(store.story_summary("story-b").expect("summary"), None);
    assert_eq!(store.cached_dossier("story-b", "f1", "v1").expect("get"), None);
    assert_eq!(store.story_disagreements("story-a").expect("facts"), None);
    assert_eq!(store.story_count().expect("count"), 3);
    // Rewriting a story (its members changed) drops its cached dossier.
    store.put_dossier("story-c", "f1", "v1", "{}").expect("cache");
    let c = store.story("story-c").expect("story").expect("present");
    let summary = store.story_summary("story-c").expect("summary").expect("present");
    let write = StoryWrite {
        stories: vec![(c, summary)],
        ..StoryWrite::default()
    };
    store.apply_story_update(&write, 4).expect("write");
    assert_eq!(store.cached_dossier("story-c", "f1", "v1").expect("get"), None);
    store.clear_stories().expect("clear");
    assert_eq!(
        (store.story_count().expect("count"), store.story_state().expect("state")),
        (0, None)
    );
}

/// Ingest, update: every article in one story; an update with nothing new
/// writes nothing; a new article is fed alone.
fn story_updates_after_ingest(store: &mut dyn StoryStorage) {
    let folder = input_folder();
    ingest(store, folder.path());
    let analyzer = recoupe_pipeline::Analyzer::new();
    let config = recoupe_pipeline::StoryConfig::default();
    let first = recoupe_pipeline::update_stories_in(store, &analyzer, &config, &mut |_, _| {}).expect("update");
    assert_eq!((first.fed, first.total_articles), (INPUTS.len(), INPUTS.len() as u64));
    let state = store.story_state().expect("state").expect("saved");
    assert_eq!(state.fed_seq, store.last_ingested_seq().expect("seq"));
    let again = recoupe_pipeline::update_stories_in(store, &analyzer, &config, &mut |_, _| {}).expect("update");
    assert_eq!((again.fed, again.changed), (0, 0));
    let more = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        more.path().join("lyon-2.txt"),
        "Lyon reporte ses élections municipales\n\nLa mairie de Lyon a confirmé mardi le report des élections municipales de deux semaines, après la décision du conseil municipal. La préfecture a publié un communiqué.\n",
    )
    .expect("write");
    ingest(store, more.path());
    let third = recoupe_pipeline::update_stories_in(store, &analyzer, &config, &mut |_, _| {}).expect("update");
    assert_eq!((third.fed, third.total_articles), (1, INPUTS.len() as u64 + 1));
    let page = store.story_page(&StoryQuery::default()).expect("page");
    let members: usize = page.stories.iter().map(|s| s.size).sum();
    assert_eq!(members, INPUTS.len() + 1, "every article in exactly one story");
    for summary in &page.stories {
        assert_eq!(store.story_members(&summary.id).expect("members").len(), summary.size);
    }
}

/// The same inputs give the same persisted stories, pages and dossiers on both engines.
#[test]
fn same_stories_on_both_engines() {
    let Some(mut pg) = postgres("same_stories_on_both_engines") else {
        return;
    };
    let (_dir, mut lite) = sqlite();
    let folder = input_folder();
    ingest(&mut lite, folder.path());
    ingest(&mut pg.store, folder.path());
    let analyzer = recoupe_pipeline::Analyzer::new();
    let config = recoupe_pipeline::StoryConfig::default();
    let a = recoupe_pipeline::update_stories_in(&mut lite, &analyzer, &config, &mut |_, _| {}).expect("sqlite");
    let b = recoupe_pipeline::update_stories_in(&mut pg.store, &analyzer, &config, &mut |_, _| {}).expect("postgres");
    assert_eq!(
        (a.fed, a.changed, a.merged, a.total_articles),
        (b.fed, b.changed, b.merged, b.total_articles)
    );
    assert_eq!(
        lite.story_state().expect("state"),
        pg.store.story_state().expect("state"),
        "the same engine state, byte for byte"
    );
    for sort in [
        StorySort::Size,
        StorySort::Latest,
        StorySort::Arrival,
        StorySort::Title,
        StorySort::Disagreements,
    ] {
        let query = StoryQuery {
            sort,
            ..StoryQuery::default()
        };
        let page = recoupe_pipeline::story_page(&lite, &query).expect("page");
        assert_eq!(
            page,
            recoupe_pipeline::story_page(&pg.store, &query).expect("page"),
            "{sort:?}"
        );
        for summary in &page.stories {
            assert_eq!(
                recoupe_pipeline::story(&lite, &summary.id).expect("story"),
                recoupe_pipeline::story(&pg.store, &summary.id).expect("story")
            );
            let x = recoupe_pipeline::dossier(&lite, &analyzer, &summary.id).expect("dossier");
            let y = recoupe_pipeline::dossier(&pg.store, &analyzer, &summary.id).expect("dossier");
            assert_eq!(
                serde_json::to_value(&x).expect("json"),
                serde_json::to_value(&y).expect("json")
            );
        }
    }
}
