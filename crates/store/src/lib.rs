//! Embedded store: SQLite (raw documents first, then articles and analyses), migrations.
