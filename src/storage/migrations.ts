/**
 * Schema changes in order; PRAGMA user_version records how many have run.
 * Never edit a shipped migration: append a new one.
 */
export const MIGRATIONS: string[] = [
  `CREATE TABLE watches (
     id            INTEGER PRIMARY KEY,
     host          TEXT    NOT NULL UNIQUE,
     ports         TEXT    NOT NULL,          -- JSON array of numbers
     expect_names  TEXT    NOT NULL DEFAULT '[]',
     interval_ms   INTEGER NOT NULL,
     channel       TEXT    NOT NULL,
     created_by    TEXT    NOT NULL,
     created_at    INTEGER NOT NULL,
     next_run_at   INTEGER NOT NULL,
     last_run_at   INTEGER,
     running_since INTEGER,
     muted_until   INTEGER
   );
   CREATE TABLE results (
     id          INTEGER PRIMARY KEY,
     host        TEXT    NOT NULL,
     watch_id    INTEGER REFERENCES watches(id) ON DELETE SET NULL,
     started_at  INTEGER NOT NULL,
     verdict     TEXT    NOT NULL,
     report      TEXT    NOT NULL            -- the Report as JSON
   );
   CREATE INDEX results_by_host ON results (host, started_at DESC);`,
];
