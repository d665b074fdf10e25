import type { Migration } from '../sql';

/**
 * SQLite schema changes in order; PRAGMA user_version is the last version applied.
 * Never edit a shipped migration: append a new one (and its PostgreSQL twin in postgres.ts).
 */
export const SQLITE_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'watches and results',
    sql: `CREATE TABLE watches (
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
  },
  {
    version: 2,
    name: 'watch states, incidents and the Slack outbox (issue 5)',
    sql: `CREATE TABLE watch_states (
     watch_id INTEGER PRIMARY KEY REFERENCES watches(id) ON DELETE CASCADE,
     state    TEXT    NOT NULL                 -- JSON WatchState (src/watch/watch-state.ts)
   );
   CREATE TABLE incidents (
     id              INTEGER PRIMARY KEY,
     watch_id        INTEGER REFERENCES watches(id) ON DELETE SET NULL,
     host            TEXT    NOT NULL,
     channel         TEXT    NOT NULL,
     status          TEXT    NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
     problems        TEXT    NOT NULL,         -- JSON ProblemSummary[]: what is wrong now
     changes         TEXT    NOT NULL DEFAULT '[]', -- JSON string[]: the latest run against the last good one
     opened_at       INTEGER NOT NULL,
     updated_at      INTEGER NOT NULL,
     acknowledged_by TEXT,
     acknowledged_at INTEGER,
     resolved_at     INTEGER,
     resolution      TEXT,                     -- 'clean' | 'unwatched'
     last_result_id  INTEGER,
     announced       INTEGER NOT NULL DEFAULT 0, -- an alert was queued (not while muted)
     parent_ts       TEXT                      -- the alert message, once Slack has it
   );
   CREATE UNIQUE INDEX incidents_live_per_watch ON incidents (watch_id) WHERE status != 'resolved';
   CREATE INDEX incidents_by_host ON incidents (host, opened_at DESC);
   CREATE TABLE outbox (
     id              INTEGER PRIMARY KEY,
     incident_id     INTEGER REFERENCES incidents(id) ON DELETE CASCADE,
     channel         TEXT    NOT NULL,
     op              TEXT    NOT NULL CHECK (op IN ('post', 'reply', 'update')),
     payload         TEXT    NOT NULL,         -- JSON OutboxPayload (src/watch/outbox-payload.ts)
     status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
     created_at      INTEGER NOT NULL,
     attempts        INTEGER NOT NULL DEFAULT 0,
     next_attempt_at INTEGER NOT NULL,
     in_flight_since INTEGER,
     sent_at         INTEGER,
     ts              TEXT,
     last_error      TEXT
   );
   CREATE INDEX outbox_pending ON outbox (next_attempt_at, id) WHERE status = 'pending';`,
  },
  {
    version: 3,
    name: '--servername: the name a watch sends as SNI and checks the certificate against (NULL: the host itself)',
    sql: `ALTER TABLE watches ADD COLUMN servername TEXT;`,
  },
  {
    version: 4,
    name: 'claims with leases, Slack reports, seen deliveries, rate windows, destination slots (issue 12)',
    sql: `ALTER TABLE watches ADD COLUMN lease_until INTEGER;     -- a claim (running_since) not finished by then is void
   ALTER TABLE watches ADD COLUMN claim_token TEXT;
   ALTER TABLE outbox ADD COLUMN claim_token TEXT;
   ALTER TABLE outbox ADD COLUMN claimed_until INTEGER;
   CREATE TABLE documents (
     namespace TEXT    NOT NULL,                -- e.g. 'report', 'domain-report'
     key       TEXT    NOT NULL,                -- e.g. the Slack message, channel/ts
     body      TEXT    NOT NULL,                -- JSON
     saved_at  INTEGER NOT NULL,
     PRIMARY KEY (namespace, key)
   );
   CREATE INDEX documents_by_age ON documents (saved_at);
   CREATE TABLE seen_keys (
     key     TEXT    PRIMARY KEY,               -- a Slack delivery: command, click or event
     seen_at INTEGER NOT NULL
   );
   CREATE INDEX seen_keys_by_age ON seen_keys (seen_at);
   CREATE TABLE rate_windows (
     key        TEXT    PRIMARY KEY,            -- e.g. a Slack user
     hits       TEXT    NOT NULL,               -- JSON number[]: times inside the window
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE destination_slots (
     destination TEXT    NOT NULL,              -- a host being probed
     slot        INTEGER NOT NULL,              -- 0 .. the per-destination limit - 1
     holder      TEXT    NOT NULL,              -- a random token of the probe holding it
     lease_until INTEGER NOT NULL,              -- a holder that died frees it then
     PRIMARY KEY (destination, slot)
   );`,
  },
  {
    version: 5,
    name: 'the due watches in claim order, so claiming reads the next few rather than the whole table (the 10,000-watch bench)',
    sql: `CREATE INDEX watches_due ON watches (next_run_at, id);`,
  },
  {
    version: 6,
    name: "an incident keeps its watch's --servername, for its alert (NULL: the host itself)",
    sql: `ALTER TABLE incidents ADD COLUMN servername TEXT;`,
  },
];
