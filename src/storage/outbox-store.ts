import type { ClaimRecord, NewOutboxRecord, OutboxRecord } from './records';
import type { Dialect, Sql } from './sql';

interface Row {
  id: number;
  incident_id: number | null;
  channel: string;
  op: OutboxRecord<unknown>['op'];
  payload: string;
  status: OutboxRecord<unknown>['status'];
  created_at: number;
  attempts: number;
  next_attempt_at: number;
  in_flight_since: number | null;
  sent_at: number | null;
  ts: string | null;
  last_error: string | null;
  claimed_until: number | null;
}

/**
 * Slack messages waiting to be sent. Rows are written in the same transaction
 * as the state change they announce (the transactional outbox), so a crash
 * can neither lose a message nor announce a change that was rolled back.
 * A dispatcher claims rows with a lease, so with several replicas each row is
 * sent by one of them, and one incident's rows go out in order.
 */
export class SqlOutbox<O> {
  constructor(
    private readonly sql: Sql,
    private readonly dialect: Dialect,
  ) {}

  async enqueue(message: NewOutboxRecord<O>, now: number): Promise<number> {
    const row = await this.sql.get<{ id: number }>('INSERT INTO outbox (incident_id, channel, op, payload, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id', [
      message.incidentId,
      message.channel,
      message.op,
      JSON.stringify(message.payload),
      now,
      now,
    ]);
    return row!.id;
  }

  /** A refresh of the incident's parent, unless one is already waiting (it renders the status when sent). */
  async enqueueStatusUpdate(incidentId: number, channel: string, now: number, payload: O): Promise<number | undefined> {
    const waiting = await this.sql.get(
      "SELECT id FROM outbox WHERE incident_id = ? AND op = 'update' AND status = 'pending' AND in_flight_since IS NULL AND claim_token IS NULL",
      [incidentId],
    );
    if (waiting) return undefined;
    return this.enqueue({ incidentId, channel, op: 'update', payload }, now);
  }

  async byId(id: number): Promise<OutboxRecord<O> | undefined> {
    const row = await this.sql.get<Row>('SELECT * FROM outbox WHERE id = ?', [id]);
    return row && this.toMessage(row);
  }

  /**
   * Pending messages whose time has come, oldest first, claimed until the lease
   * ends: only the first pending message of each incident, so a thread's messages
   * go out in order whichever replica sends them.
   */
  async claimDue(now: number, limit: number, claim: ClaimRecord): Promise<OutboxRecord<O>[]> {
    const rows = await this.sql.all<Row>(
      `UPDATE outbox SET claim_token = ?, claimed_until = ?
       WHERE id IN (
         SELECT o.id FROM outbox o
         WHERE o.status = 'pending' AND o.next_attempt_at <= ? AND (o.claimed_until IS NULL OR o.claimed_until <= ?)
           AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.incident_id = o.incident_id AND p.id < o.id AND p.status = 'pending')
         ORDER BY o.id LIMIT ?${this.dialect.skipLocked})
       RETURNING *`,
      [claim.token, now + claim.leaseMs, now, now, limit],
    );
    return rows.map((r) => this.toMessage(r)).sort((a, b) => a.id - b.id);
  }

  /** When the next pending message may be sent (a claim's end, for one being sent); undefined with none. */
  async nextAttemptAt(): Promise<number | undefined> {
    const row = await this.sql.get<{ at: number | null }>(
      "SELECT MIN(CASE WHEN claimed_until IS NULL OR claimed_until < next_attempt_at THEN next_attempt_at ELSE claimed_until END) AS at FROM outbox WHERE status = 'pending'",
    );
    return row?.at ?? undefined;
  }

  /** Pending messages a sender started on and never finished, whose claim has ended: Slack may have them already. */
  async interrupted(now: number): Promise<number[]> {
    const rows = await this.sql.all<{ id: number }>(
      "SELECT id FROM outbox WHERE status = 'pending' AND in_flight_since IS NOT NULL AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY id",
      [now],
    );
    return rows.map((r) => r.id);
  }

  async all(): Promise<OutboxRecord<O>[]> {
    return (await this.sql.all<Row>('SELECT * FROM outbox ORDER BY id')).map((r) => this.toMessage(r));
  }

  /** Pending messages and the age of the oldest (ms), for the backlog metric. */
  async backlog(now: number): Promise<{ pending: number; oldestAgeMs: number }> {
    const row = await this.sql.get<{ n: number; oldest: number | null }>("SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox WHERE status = 'pending'");
    return { pending: Number(row?.n ?? 0), oldestAgeMs: row?.oldest == null ? 0 : Math.max(0, now - row.oldest) };
  }

  async markInFlight(id: number, now: number): Promise<void> {
    await this.sql.run('UPDATE outbox SET in_flight_since = ?, attempts = attempts + 1 WHERE id = ?', [now, id]);
  }

  async markSent(id: number, ts: string | null, now: number): Promise<void> {
    await this.sql.run(
      "UPDATE outbox SET status = 'sent', ts = ?, sent_at = ?, in_flight_since = NULL, last_error = NULL, claim_token = NULL, claimed_until = NULL WHERE id = ?",
      [ts, now, id],
    );
  }

  async retryAt(id: number, at: number, error: string): Promise<void> {
    await this.sql.run('UPDATE outbox SET next_attempt_at = ?, in_flight_since = NULL, last_error = ?, claim_token = NULL, claimed_until = NULL WHERE id = ?', [at, error, id]);
  }

  async fail(id: number, error: string): Promise<void> {
    await this.sql.run("UPDATE outbox SET status = 'failed', in_flight_since = NULL, last_error = ?, claim_token = NULL, claimed_until = NULL WHERE id = ?", [error, id]);
  }

  /** Sent and failed messages older than `before` are history nobody needs. */
  async prune(before: number): Promise<number> {
    return this.sql.run("DELETE FROM outbox WHERE status != 'pending' AND created_at < ?", [before]);
  }

  private toMessage(r: Row): OutboxRecord<O> {
    return {
      id: r.id,
      incidentId: r.incident_id,
      channel: r.channel,
      op: r.op,
      payload: JSON.parse(r.payload) as O,
      status: r.status,
      createdAt: r.created_at,
      attempts: r.attempts,
      nextAttemptAt: r.next_attempt_at,
      inFlightSince: r.in_flight_since,
      sentAt: r.sent_at,
      ts: r.ts,
      lastError: r.last_error,
      claimedUntil: r.claimed_until,
    };
  }
}
