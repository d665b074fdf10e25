import type { OutboxOp, OutboxPayload } from '../watch/outbox-payload';
import type { Db } from './database';

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxMessage {
  id: number;
  incidentId: number | null;
  channel: string;
  op: OutboxOp;
  payload: OutboxPayload;
  status: OutboxStatus;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  /** Set just before a send is attempted; still set after a crash means Slack may have it already. */
  inFlightSince: number | null;
  sentAt: number | null;
  ts: string | null;
  lastError: string | null;
}

export interface NewOutboxMessage {
  incidentId: number | null;
  channel: string;
  op: OutboxOp;
  payload: OutboxPayload;
}

interface Row {
  id: number;
  incident_id: number | null;
  channel: string;
  op: OutboxOp;
  payload: string;
  status: OutboxStatus;
  created_at: number;
  attempts: number;
  next_attempt_at: number;
  in_flight_since: number | null;
  sent_at: number | null;
  ts: string | null;
  last_error: string | null;
}

/**
 * Slack messages waiting to be sent. Rows are written in the same transaction
 * as the state change they announce (the transactional outbox), so a crash
 * can neither lose a message nor announce a change that was rolled back.
 */
export class OutboxStore {
  constructor(private readonly db: Db) {}

  enqueue(message: NewOutboxMessage, now: number): number {
    const info = this.db
      .prepare('INSERT INTO outbox (incident_id, channel, op, payload, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(message.incidentId, message.channel, message.op, JSON.stringify(message.payload), now, now);
    return Number(info.lastInsertRowid);
  }

  /** A refresh of the incident's parent, unless one is already waiting (it renders the status when sent). */
  enqueueStatusUpdate(incidentId: number, channel: string, now: number): number | undefined {
    const waiting = this.db
      .prepare("SELECT id FROM outbox WHERE incident_id = ? AND op = 'update' AND status = 'pending' AND in_flight_since IS NULL")
      .get(incidentId) as { id: number } | undefined;
    if (waiting) return undefined;
    return this.enqueue({ incidentId, channel, op: 'update', payload: { kind: 'status' } }, now);
  }

  byId(id: number): OutboxMessage | undefined {
    const row = this.db.prepare('SELECT * FROM outbox WHERE id = ?').get(id) as Row | undefined;
    return row && toMessage(row);
  }

  /** Pending messages whose time has come, oldest first. */
  due(now: number, limit = 50): OutboxMessage[] {
    return (this.db.prepare("SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?").all(now, limit) as Row[]).map(toMessage);
  }

  /** Whether an earlier message of this incident is still waiting to be sent. */
  hasPendingBefore(incidentId: number, id: number): boolean {
    return this.db.prepare("SELECT 1 FROM outbox WHERE incident_id = ? AND id < ? AND status = 'pending'").get(incidentId, id) !== undefined;
  }

  nextAttemptAt(): number | undefined {
    const row = this.db.prepare("SELECT MIN(next_attempt_at) AS at FROM outbox WHERE status = 'pending'").get() as { at: number | null };
    return row.at ?? undefined;
  }

  all(): OutboxMessage[] {
    return (this.db.prepare('SELECT * FROM outbox ORDER BY id').all() as Row[]).map(toMessage);
  }

  markInFlight(id: number, now: number): void {
    this.db.prepare('UPDATE outbox SET in_flight_since = ?, attempts = attempts + 1 WHERE id = ?').run(now, id);
  }

  markSent(id: number, ts: string | null, now: number): void {
    this.db.prepare("UPDATE outbox SET status = 'sent', ts = ?, sent_at = ?, in_flight_since = NULL, last_error = NULL WHERE id = ?").run(ts, now, id);
  }

  retryAt(id: number, at: number, error: string): void {
    this.db.prepare('UPDATE outbox SET next_attempt_at = ?, in_flight_since = NULL, last_error = ? WHERE id = ?').run(at, error, id);
  }

  fail(id: number, error: string): void {
    this.db.prepare("UPDATE outbox SET status = 'failed', in_flight_since = NULL, last_error = ? WHERE id = ?").run(error, id);
  }

  /** Sent and failed messages older than `before` are history nobody needs. */
  prune(before: number): number {
    return this.db.prepare("DELETE FROM outbox WHERE status != 'pending' AND created_at < ?").run(before).changes;
  }
}

function toMessage(r: Row): OutboxMessage {
  return {
    id: r.id,
    incidentId: r.incident_id,
    channel: r.channel,
    op: r.op,
    payload: JSON.parse(r.payload) as OutboxPayload,
    status: r.status,
    createdAt: r.created_at,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    inFlightSince: r.in_flight_since,
    sentAt: r.sent_at,
    ts: r.ts,
    lastError: r.last_error,
  };
}
