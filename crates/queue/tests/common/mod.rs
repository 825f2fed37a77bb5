//! The fixture the queue tests share: a NATS stream and a PostgreSQL schema of
//! the test's own (real servers; `None`, with a SKIP line, without them
//! outside CI), both removed when it is dropped.

#[path = "../../../../test-support/services.rs"]
pub mod services;

use recoupe_queue::QueueNames;
use recoupe_store_pg::PgStore;

pub struct Fixture {
    pub pg_url: String,
    pub schema: String,
    pub nats_url: String,
    pub names: QueueNames,
}

impl Fixture {
    pub fn new(test: &str) -> Option<Fixture> {
        let pg_url = services::require_postgres(test)?;
        let nats_url = services::require_nats(test)?;
        let schema = services::unique_name("pgnats", test);
        Some(Fixture {
            pg_url,
            names: QueueNames::new(&schema.to_uppercase()),
            schema,
            nats_url,
        })
    }

    pub fn store(&self) -> PgStore {
        PgStore::open_in_schema(&self.pg_url, &self.schema).expect("open the PostgreSQL store")
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = recoupe_queue::delete_stream(&self.nats_url, &self.names);
        if let Ok(mut client) = postgres::Client::connect(&self.pg_url, postgres::NoTls) {
            let _ = client.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
        }
    }
}
