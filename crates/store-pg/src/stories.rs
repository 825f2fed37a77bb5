//! The persisted stories on PostgreSQL: [`StoryStorage`] with the queries of
//! `recoupe_store::stories` (SQLite) in PostgreSQL's dialect, giving the same
//! results: `INSERT … ON CONFLICT` for `INSERT OR REPLACE`, `NULLS LAST` where
//! SQLite sorts NULL lowest, byte-order (`C`) collation wherever text is
//! sorted or compared, and title words matched with ASCII letters folded, as
//! SQLite's `LIKE` does.
//!
//! Several workers update one store's stories: an update commits inside
//! [`StoryStorage::story_transaction`], which first takes a transaction-level
//! advisory lock of the schema's stories, so that its check that nobody else
//! committed since it read the state, and its writes, are one atomic step.
//! An update reads the articles up to [`StoryRead::last_ingested_seq`], the
//! highest ingest number below which every document is committed: ingest
//! transactions hold a shared advisory lock that this read waits for (the
//! identity numbers are handed out before commit, so a plain `MAX()` could
//! pass over a document committed later with a lower number, never to be fed).

use postgres::GenericClient;
use recoupe_core::{Article, DateStamp, Story};
use recoupe_store::{
    assemble_story, DisagreementCount, DossierFacts, StoreError, StoryMember, StoryPage, StoryQuery, StoryRead,
    StorySort, StoryState, StoryStorage, StorySummary, StoryWrite, StoryWriter,
};

use crate::{no_nul, sql, PgStore, PgTransaction};

/// Advisory lock of this schema's story updates (one per schema, so stores in
/// other schemas of the database never wait for each other).
pub(crate) const STORY_LOCK: &str = "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.stories'))";
/// Held shared by every ingest transaction, exclusively while reading the
/// ingest horizon ([`StoryRead::last_ingested_seq`]).
pub(crate) const INGEST_LOCK_SHARED: &str =
    "SELECT pg_advisory_xact_lock_shared(hashtext(current_schema() || '.ingest'))";
const INGEST_LOCK_EXCLUSIVE: &str = "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.ingest'))";

const SUMMARY_COLUMNS: &str =
    "s.id, s.position, s.title, s.size, s.outlets, s.languages, s.first_published, s.last_published, s.copies, s.updated_seq";

fn summary_row(r: &postgres::Row) -> StorySummary {
    let languages: String = r.get(5);
    StorySummary {
        id: r.get(0),
        position: r.get(1),
        title: r.get(2),
        size: r.get::<_, i64>(3) as usize,
        outlets: r.get::<_, i64>(4) as usize,
        languages: languages
            .split('+')
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        first_published: r.get(6),
        last_published: r.get(7),
        copies: r.get::<_, i64>(8) as usize,
        updated_seq: r.get(9),
    }
}

fn story_progress(c: &mut impl GenericClient) -> Result<Option<(i64, String)>, StoreError> {
    Ok(
        c.query_opt("SELECT fed_seq, version FROM story_state WHERE id = 1", &[])
            .map_err(sql("read the story progress"))?
            .map(|r| (r.get(0), r.get(1))),
    )
}

fn story_state(c: &mut impl GenericClient) -> Result<Option<StoryState>, StoreError> {
    Ok(c.query_opt(
        "SELECT version, fed_seq, articles, engine FROM story_state WHERE id = 1",
        &[],
    )
    .map_err(sql("read the story state"))?
    .map(|r| StoryState {
        version: r.get(0),
        fed_seq: r.get(1),
        articles: r.get::<_, i64>(2) as u64,
        engine: r.get(3),
    }))
}

fn last_ingested_seq(c: &mut impl GenericClient) -> Result<i64, StoreError> {
    let mut tx = c.transaction().map_err(sql("begin"))?;
    tx.execute(INGEST_LOCK_EXCLUSIVE, &[])
        .map_err(sql("wait for the ingest transactions in flight"))?;
    let seq: i64 = tx
        .query_one("SELECT COALESCE(MAX(ingested_seq), 0)::BIGINT FROM documents", &[])
        .map_err(sql("read the last ingest number"))?
        .get(0);
    tx.commit().map_err(sql("commit"))?;
    Ok(seq)
}

type Pending = (i64, String, Option<DateStamp>);

fn articles_since(c: &mut impl GenericClient, seq: i64) -> Result<Vec<Pending>, StoreError> {
    let rows = c
        .query(
            "SELECT d.ingested_seq, a.id, a.published FROM articles a JOIN documents d ON d.hash = a.doc_hash
             WHERE d.ingested_seq > $1 ORDER BY d.ingested_seq",
            &[&seq],
        )
        .map_err(sql("read the articles since an update"))?;
    rows.iter()
        .map(|r| {
            let published: Option<String> = r.get(2);
            let stamp = published
                .filter(|p| !p.is_empty())
                .map(|p| serde_json::from_value(serde_json::Value::String(p)))
                .transpose()?;
            Ok((r.get(0), r.get(1), stamp))
        })
        .collect()
}

fn article_by_id(c: &mut impl GenericClient, id: &str) -> Result<Option<Article>, StoreError> {
    c.query_opt("SELECT body FROM articles WHERE id = $1", &[&id])
        .map_err(sql("read an article"))?
        .map(|r| serde_json::from_str(r.get(0)).map_err(StoreError::from))
        .transpose()
}

fn resolve_story(c: &mut impl GenericClient, id: &str) -> Result<Option<String>, StoreError> {
    let into: Option<String> = c
        .query_opt("SELECT merged_into FROM story_merges WHERE story_id = $1", &[&id])
        .map_err(sql("resolve a story id"))?
        .map(|r| r.get(0));
    let id = into.unwrap_or_else(|| id.to_string());
    let exists = c
        .query_opt("SELECT 1 FROM stories WHERE id = $1", &[&id])
        .map_err(sql("resolve a story id"))?;
    Ok(exists.map(|_| id))
}

fn story_summary(c: &mut impl GenericClient, id: &str) -> Result<Option<StorySummary>, StoreError> {
    Ok(c.query_opt(
        &format!("SELECT {SUMMARY_COLUMNS} FROM stories s WHERE s.id = $1"),
        &[&id],
    )
    .map_err(sql("read a story summary"))?
    .map(|r| summary_row(&r)))
}

fn story_members(c: &mut impl GenericClient, id: &str) -> Result<Vec<StoryMember>, StoreError> {
    c.query(
        "SELECT article_id, position, source, language, published, reason FROM story_members
         WHERE story_id = $1 ORDER BY position",
        &[&id],
    )
    .map_err(sql("read a story's members"))?
    .iter()
    .map(|r| {
        Ok(StoryMember {
            article_id: r.get(0),
            position: r.get(1),
            source: r.get(2),
            language: r.get(3),
            published: r.get(4),
            reason: serde_json::from_str(r.get(5))?,
        })
    })
    .collect()
}

fn story_of_article(c: &mut impl GenericClient, article_id: &str) -> Result<Option<String>, StoreError> {
    Ok(c.query_opt(
        "SELECT story_id FROM story_members WHERE article_id = $1",
        &[&article_id],
    )
    .map_err(sql("find an article's story"))?
    .map(|r| r.get(0)))
}

fn story(c: &mut impl GenericClient, id: &str) -> Result<Option<Story>, StoreError> {
    let Some(summary) = story_summary(c, id)? else {
        return Ok(None);
    };
    let members = story_members(c, id)?;
    let copies = c
        .query(
            "SELECT article_id, original_id, agency FROM story_copies WHERE story_id = $1",
            &[&id],
        )
        .map_err(sql("read a story's copies"))?
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    Ok(Some(assemble_story(summary, members, copies)))
}

/// `LIKE` pattern of a title word, ASCII letters lowered (matched against the
/// title with ASCII letters lowered: SQLite's `LIKE` folds those only).
fn title_pattern(word: &str) -> String {
    let escaped = word.replace('!', "!!").replace('%', "!%").replace('_', "!_");
    format!("%{}%", escaped.to_ascii_lowercase())
}

const ASCII_LOWER: &str = "translate(s.title, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')";

/// The `WHERE` clause of a story query's filters and its values, numbered from `$1`.
fn story_filter(q: &StoryQuery) -> (String, Vec<String>) {
    let mut conditions: Vec<String> = Vec::new();
    let mut values: Vec<String> = Vec::new();
    let next = |values: &mut Vec<String>, value: String| {
        values.push(value);
        format!("${}", values.len())
    };
    if let Some(language) = &q.language {
        let p = next(&mut values, language.clone());
        conditions.push(format!(
            "EXISTS (SELECT 1 FROM story_languages l WHERE l.language = {p} AND l.story_id = s.id)"
        ));
    }
    if let Some(outlet) = &q.outlet {
        let p = next(&mut values, outlet.clone());
        conditions.push(format!(
            "EXISTS (SELECT 1 FROM story_outlets o WHERE o.outlet = {p} AND o.story_id = s.id)"
        ));
    }
    if let Some(from) = &q.from {
        let p = next(&mut values, from.clone());
        conditions.push(format!("s.last_published COLLATE \"C\" >= {p}"));
    }
    if let Some(to) = &q.to {
        let p = next(&mut values, to.clone());
        conditions.push(format!("s.first_published COLLATE \"C\" <= {p}"));
    }
    for word in &q.title_words {
        let p = next(&mut values, title_pattern(word));
        conditions.push(format!("{ASCII_LOWER} LIKE {p} ESCAPE '!'"));
    }
    if q.with_disagreements {
        conditions
            .push("EXISTS (SELECT 1 FROM story_facts f WHERE f.story_id = s.id AND f.disagreements > 0)".to_string());
    }
    let filter = if conditions.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conditions.join(" AND "))
    };
    (filter, values)
}

fn story_page(c: &mut impl GenericClient, q: &StoryQuery) -> Result<StoryPage, StoreError> {
    let (filter, values) = story_filter(q);
    let mut params: Vec<&(dyn postgres::types::ToSql + Sync)> = values
        .iter()
        .map(|v| v as &(dyn postgres::types::ToSql + Sync))
        .collect();
    let total: i64 = c
        .query_one(&format!("SELECT COUNT(*) FROM stories s{filter}"), &params)
        .map_err(sql("count stories"))?
        .get(0);
    let order = match q.sort {
        StorySort::Size => "s.size DESC, s.id COLLATE \"C\"",
        // As SQLite: undated stories last.
        StorySort::Latest => "s.last_published COLLATE \"C\" DESC NULLS LAST, s.id COLLATE \"C\"",
        StorySort::Arrival => "s.position",
        StorySort::Disagreements => {
            "COALESCE((SELECT f.disagreements FROM story_facts f WHERE f.story_id = s.id), 0) DESC, s.size DESC, s.id COLLATE \"C\""
        }
        StorySort::Title => "s.title COLLATE \"C\", s.id COLLATE \"C\"",
    };
    let limit = if q.limit == 0 { i64::MAX } else { q.limit as i64 };
    let offset = q.offset as i64;
    params.push(&limit);
    params.push(&offset);
    let rows = c
        .query(
            &format!(
                "SELECT {SUMMARY_COLUMNS} FROM stories s{filter} ORDER BY {order} LIMIT ${} OFFSET ${}",
                values.len() + 1,
                values.len() + 2
            ),
            &params,
        )
        .map_err(sql("list stories"))?;
    Ok(StoryPage {
        total: total as usize,
        stories: rows.iter().map(summary_row).collect(),
    })
}

fn story_count(c: &mut impl GenericClient) -> Result<usize, StoreError> {
    let n: i64 = c
        .query_one("SELECT COUNT(*) FROM stories", &[])
        .map_err(sql("count stories"))?
        .get(0);
    Ok(n as usize)
}

fn cached_dossier(
    c: &mut impl GenericClient,
    story_id: &str,
    fingerprint: &str,
    version: &str,
) -> Result<Option<String>, StoreError> {
    Ok(c.query_opt(
        "SELECT body FROM dossier_cache WHERE story_id = $1 AND members_fingerprint = $2 AND version = $3",
        &[&story_id, &fingerprint, &version],
    )
    .map_err(sql("read a cached dossier"))?
    .map(|r| r.get(0)))
}

fn story_disagreements(c: &mut impl GenericClient, story_id: &str) -> Result<Option<DisagreementCount>, StoreError> {
    Ok(c.query_opt(
        "SELECT f.disagreements, f.story_seq >= COALESCE(s.updated_seq, 0)
         FROM story_facts f LEFT JOIN stories s ON s.id = f.story_id WHERE f.story_id = $1",
        &[&story_id],
    )
    .map_err(sql("read a story's disagreements"))?
    .map(|r| DisagreementCount {
        count: r.get::<_, i64>(0) as usize,
        current: r.get(1),
    }))
}

fn stories_to_count(c: &mut impl GenericClient, limit: usize) -> Result<Vec<String>, StoreError> {
    Ok(c.query(
        "SELECT s.id FROM stories s LEFT JOIN story_facts f ON f.story_id = s.id
         WHERE s.size >= 2 AND (f.story_id IS NULL OR f.story_seq < s.updated_seq)
         ORDER BY s.size DESC, s.id COLLATE \"C\" LIMIT $1",
        &[&(limit.min(i64::MAX as usize) as i64)],
    )
    .map_err(sql("list the stories to count"))?
    .into_iter()
    .map(|r| r.get(0))
    .collect())
}

fn clear_stories(c: &mut impl GenericClient) -> Result<(), StoreError> {
    c.batch_execute(
        "DELETE FROM story_state; DELETE FROM stories; DELETE FROM story_languages;
         DELETE FROM story_outlets; DELETE FROM story_members; DELETE FROM story_copies;
         DELETE FROM story_merges; DELETE FROM dossier_cache; DELETE FROM story_facts;
         DELETE FROM story_entities;",
    )
    .map_err(sql("clear the stories"))
}

/// As `Store::apply_story_update`: merges, new members, changed stories, state.
fn apply_story_update(c: &mut impl GenericClient, write: &StoryWrite, seq: i64) -> Result<(), StoreError> {
    for (gone, into) in &write.merged {
        for statement in [
            "UPDATE story_members SET story_id = $2 WHERE story_id = $1",
            "UPDATE story_copies SET story_id = $2 WHERE story_id = $1",
            "UPDATE story_merges SET merged_into = $2 WHERE merged_into = $1",
        ] {
            c.execute(statement, &[gone, into]).map_err(sql("record a merge"))?;
        }
        for table in [
            "DELETE FROM stories WHERE id = $1",
            "DELETE FROM story_languages WHERE story_id = $1",
            "DELETE FROM story_outlets WHERE story_id = $1",
            "DELETE FROM dossier_cache WHERE story_id = $1",
            "DELETE FROM story_facts WHERE story_id = $1",
            "DELETE FROM story_entities WHERE story_id = $1",
        ] {
            c.execute(table, &[gone]).map_err(sql("record a merge"))?;
        }
        c.execute(
            "INSERT INTO story_merges (story_id, merged_into, merged_seq) VALUES ($1, $2, $3)
             ON CONFLICT (story_id) DO UPDATE SET merged_into = excluded.merged_into, merged_seq = excluded.merged_seq",
            &[gone, into, &seq],
        )
        .map_err(sql("record a merge"))?;
    }
    let insert_member = c
        .prepare(
            "INSERT INTO story_members (article_id, story_id, position, source, language, published, reason)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id, position = excluded.position,
                source = excluded.source, language = excluded.language, published = excluded.published,
                reason = excluded.reason",
        )
        .map_err(sql("store story members"))?;
    for (story_id, m) in &write.members {
        c.execute(
            &insert_member,
            &[
                &m.article_id,
                story_id,
                &m.position,
                &no_nul(Some(&m.source)),
                &m.language,
                &m.published,
                &serde_json::to_string(&m.reason)?,
            ],
        )
        .map_err(sql("store story members"))?;
    }
    for (story, summary) in &write.stories {
        put_story(c, story, summary)?;
    }
    if let Some(state) = &write.state {
        c.execute(
            "INSERT INTO story_state (id, version, fed_seq, articles, engine) VALUES (1, $1, $2, $3, $4)
             ON CONFLICT (id) DO UPDATE SET version = excluded.version, fed_seq = excluded.fed_seq,
                articles = excluded.articles, engine = excluded.engine",
            &[&state.version, &state.fed_seq, &(state.articles as i64), &state.engine],
        )
        .map_err(sql("store the story state"))?;
    }
    Ok(())
}

fn put_story(c: &mut impl GenericClient, story: &Story, s: &StorySummary) -> Result<(), StoreError> {
    let write = || sql("store a story");
    c.execute(
        "INSERT INTO stories (id, position, title, size, outlets, languages, first_published, last_published, copies, updated_seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (id) DO UPDATE SET position = excluded.position, title = excluded.title, size = excluded.size,
            outlets = excluded.outlets, languages = excluded.languages, first_published = excluded.first_published,
            last_published = excluded.last_published, copies = excluded.copies, updated_seq = excluded.updated_seq",
        &[
            &s.id,
            &s.position,
            &no_nul(Some(&s.title)),
            &(s.size as i64),
            &(s.outlets as i64),
            &s.languages.join("+"),
            &s.first_published,
            &s.last_published,
            &(s.copies as i64),
            &s.updated_seq,
        ],
    )
    .map_err(write())?;
    c.execute("DELETE FROM story_languages WHERE story_id = $1", &[&s.id])
        .map_err(write())?;
    for language in &s.languages {
        c.execute(
            "INSERT INTO story_languages (language, story_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            &[language, &s.id],
        )
        .map_err(write())?;
    }
    c.execute("DELETE FROM story_outlets WHERE story_id = $1", &[&s.id])
        .map_err(write())?;
    let mut sources: Vec<String> = story_members(c, &s.id)?
        .into_iter()
        .filter(|m| story.original_of(&m.article_id).is_none())
        .map(|m| m.source)
        .collect();
    sources.sort();
    sources.dedup();
    for source in &sources {
        c.execute(
            "INSERT INTO story_outlets (outlet, story_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            &[source, &s.id],
        )
        .map_err(write())?;
    }
    c.execute("DELETE FROM story_copies WHERE story_id = $1", &[&s.id])
        .map_err(write())?;
    for group in &story.copy_groups {
        for copy in &group.copies {
            c.execute(
                "INSERT INTO story_copies (article_id, story_id, original_id, agency) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id,
                    original_id = excluded.original_id, agency = excluded.agency",
                &[copy, &s.id, &group.original, &group.agency],
            )
            .map_err(write())?;
        }
    }
    c.execute("DELETE FROM dossier_cache WHERE story_id = $1", &[&s.id])
        .map_err(write())?;
    Ok(())
}

fn put_dossier(
    c: &mut impl GenericClient,
    story_id: &str,
    fingerprint: &str,
    version: &str,
    body: &str,
) -> Result<(), StoreError> {
    c.execute(
        "INSERT INTO dossier_cache (story_id, members_fingerprint, version, body) VALUES ($1, $2, $3, $4)
         ON CONFLICT (story_id) DO UPDATE SET members_fingerprint = excluded.members_fingerprint,
            version = excluded.version, body = excluded.body",
        &[&story_id, &fingerprint, &version, &body.replace('\0', "")],
    )
    .map_err(sql("cache a dossier"))?;
    Ok(())
}

fn put_dossier_facts(c: &mut impl GenericClient, story_id: &str, facts: &DossierFacts) -> Result<(), StoreError> {
    let write = || sql("store a dossier's facts");
    c.execute(
        "INSERT INTO story_facts (story_id, disagreements, story_seq)
         VALUES ($1, $2, COALESCE((SELECT updated_seq FROM stories WHERE id = $1), -1))
         ON CONFLICT (story_id) DO UPDATE SET disagreements = excluded.disagreements, story_seq = excluded.story_seq",
        &[&story_id, &(facts.disagreements as i64)],
    )
    .map_err(write())?;
    c.execute("DELETE FROM story_entities WHERE story_id = $1", &[&story_id])
        .map_err(write())?;
    for e in &facts.entities {
        c.execute(
            "INSERT INTO story_entities (entity_key, story_id, name, kind, mentions, aliases, roles, articles)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (entity_key, story_id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                mentions = excluded.mentions, aliases = excluded.aliases, roles = excluded.roles,
                articles = excluded.articles",
            &[
                &no_nul(Some(&e.key)),
                &story_id,
                &no_nul(Some(&e.name)),
                &e.kind,
                &(e.mentions as i64),
                &serde_json::to_string(&e.aliases)?,
                &serde_json::to_string(&e.roles)?,
                &serde_json::to_string(&e.articles)?,
            ],
        )
        .map_err(write())?;
    }
    Ok(())
}

/// Implements the story reads and writes for a type whose `$client`
/// expression gives a `&mut impl GenericClient` (a pooled connection, the
/// transaction in hand).
macro_rules! story_impls {
    ($ty:ty, $self:ident => $client:expr) => {
        impl StoryRead for $ty {
            fn story_progress(&$self) -> Result<Option<(i64, String)>, StoreError> {
                story_progress($client)
            }
            fn story_state(&$self) -> Result<Option<StoryState>, StoreError> {
                story_state($client)
            }
            fn last_ingested_seq(&$self) -> Result<i64, StoreError> {
                last_ingested_seq($client)
            }
            fn articles_since(&$self, seq: i64) -> Result<Vec<Pending>, StoreError> {
                articles_since($client, seq)
            }
            fn article_by_id(&$self, id: &str) -> Result<Option<Article>, StoreError> {
                article_by_id($client, id)
            }
            fn resolve_story(&$self, id: &str) -> Result<Option<String>, StoreError> {
                resolve_story($client, id)
            }
            fn story_summary(&$self, id: &str) -> Result<Option<StorySummary>, StoreError> {
                story_summary($client, id)
            }
            fn story_members(&$self, id: &str) -> Result<Vec<StoryMember>, StoreError> {
                story_members($client, id)
            }
            fn story_of_article(&$self, article_id: &str) -> Result<Option<String>, StoreError> {
                story_of_article($client, article_id)
            }
            fn story(&$self, id: &str) -> Result<Option<Story>, StoreError> {
                story($client, id)
            }
            fn story_page(&$self, q: &StoryQuery) -> Result<StoryPage, StoreError> {
                story_page($client, q)
            }
            fn story_count(&$self) -> Result<usize, StoreError> {
                story_count($client)
            }
            fn cached_dossier(
                &$self,
                story_id: &str,
                fingerprint: &str,
                version: &str,
            ) -> Result<Option<String>, StoreError> {
                cached_dossier($client, story_id, fingerprint, version)
            }
            fn story_disagreements(&$self, story_id: &str) -> Result<Option<DisagreementCount>, StoreError> {
                story_disagreements($client, story_id)
            }
            fn stories_to_count(&$self, limit: usize) -> Result<Vec<String>, StoreError> {
                stories_to_count($client, limit)
            }
        }

        impl StoryWriter for $ty {
            fn clear_stories(&$self) -> Result<(), StoreError> {
                clear_stories($client)
            }
            fn apply_story_update(&$self, write: &StoryWrite, seq: i64) -> Result<(), StoreError> {
                apply_story_update($client, write, seq)
            }
            fn put_dossier(
                &$self,
                story_id: &str,
                fingerprint: &str,
                version: &str,
                body: &str,
            ) -> Result<(), StoreError> {
                put_dossier($client, story_id, fingerprint, version, body)
            }
            fn put_dossier_facts(&$self, story_id: &str, facts: &DossierFacts) -> Result<(), StoreError> {
                put_dossier_facts($client, story_id, facts)
            }
        }
    };
}

story_impls!(PgStore, self => &mut *self.conn()?);
story_impls!(PgTransaction<'_>, self => &mut *self.tx.borrow_mut());

impl StoryStorage for PgStore {
    fn story_transaction(
        &mut self,
        work: &mut dyn FnMut(&dyn StoryWriter) -> Result<bool, StoreError>,
    ) -> Result<bool, StoreError> {
        let mut conn = self.conn()?;
        let mut tx = conn.transaction().map_err(sql("begin"))?;
        // Waits for a story update in progress elsewhere to commit; statements
        // after it see what that one wrote (READ COMMITTED).
        tx.execute(STORY_LOCK, &[])
            .map_err(sql("wait for another story update"))?;
        let writes = PgTransaction {
            tx: std::cell::RefCell::new(tx),
        };
        // On error the transaction is dropped, which rolls it back.
        let done = work(&writes)?;
        writes.tx.into_inner().commit().map_err(sql("commit the stories"))?;
        Ok(done)
    }
}
