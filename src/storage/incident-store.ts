import type { ProblemSummary } from '../watch/problems';
import type { Db } from './database';

export type IncidentStatus = 'open' | 'acknowledged' | 'resolved';
export type IncidentResolution = 'clean' | 'unwatched';

export interface Incident {
  id: number;
  watchId: number | null;
  host: string;
  channel: string;
  status: IncidentStatus;
  problems: ProblemSummary[];
  /** What differs from the last good run, as of the latest run: the parent message shows it. */
  changes: string[];
  openedAt: number;
  updatedAt: number;
  acknowledgedBy: string | null;
  acknowledgedAt: number | null;
  resolvedAt: number | null;
  resolution: IncidentResolution | null;
  lastResultId: number | null;
  announced: boolean;
  parentTs: string | null;
}

export interface NewIncident {
  watchId: number;
  host: string;
  channel: string;
  problems: ProblemSummary[];
  changes: string[];
  resultId: number;
  announced: boolean;
}

interface Row {
  id: number;
  watch_id: number | null;
  host: string;
  channel: string;
  status: IncidentStatus;
  problems: string;
  changes: string;
  opened_at: number;
  updated_at: number;
  acknowledged_by: string | null;
  acknowledged_at: number | null;
  resolved_at: number | null;
  resolution: IncidentResolution | null;
  last_result_id: number | null;
  announced: number;
  parent_ts: string | null;
}

/** A watch's incidents: at most one live (open or acknowledged) per watch, enforced by a unique index. */
export class IncidentStore {
  constructor(private readonly db: Db) {}

  open(incident: NewIncident, now: number): Incident {
    const info = this.db
      .prepare(
        `INSERT INTO incidents (watch_id, host, channel, status, problems, changes, opened_at, updated_at, last_result_id, announced)
         VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?, ?)`,
      )
      .run(incident.watchId, incident.host, incident.channel, JSON.stringify(incident.problems), JSON.stringify(incident.changes), now, now, incident.resultId, incident.announced ? 1 : 0);
    return this.byId(Number(info.lastInsertRowid))!;
  }

  byId(id: number): Incident | undefined {
    const row = this.db.prepare('SELECT * FROM incidents WHERE id = ?').get(id) as Row | undefined;
    return row && toIncident(row);
  }

  live(watchId: number): Incident | undefined {
    const row = this.db.prepare("SELECT * FROM incidents WHERE watch_id = ? AND status != 'resolved'").get(watchId) as Row | undefined;
    return row && toIncident(row);
  }

  /** Most recent first. */
  recent(host: string, limit = 10): Incident[] {
    return (this.db.prepare('SELECT * FROM incidents WHERE host = ? ORDER BY opened_at DESC, id DESC LIMIT ?').all(host, limit) as Row[]).map(toIncident);
  }

  setProblems(id: number, problems: ProblemSummary[], changes: string[], resultId: number, now: number): void {
    this.db
      .prepare('UPDATE incidents SET problems = ?, changes = ?, last_result_id = ?, updated_at = ? WHERE id = ?')
      .run(JSON.stringify(problems), JSON.stringify(changes), resultId, now, id);
  }

  /** The incident whose alert is this Slack message. */
  byParentTs(channel: string, ts: string): Incident | undefined {
    const row = this.db.prepare('SELECT * FROM incidents WHERE channel = ? AND parent_ts = ?').get(channel, ts) as Row | undefined;
    return row && toIncident(row);
  }

  /** Marks it announced, in the channel alerts go to now. */
  announce(id: number, channel: string, now: number): void {
    this.db.prepare('UPDATE incidents SET announced = 1, channel = ?, updated_at = ? WHERE id = ?').run(channel, now, id);
  }

  /** Only an open incident can be acknowledged; false when it already was, or is resolved. */
  acknowledge(id: number, userId: string, now: number): boolean {
    return (
      this.db
        .prepare("UPDATE incidents SET status = 'acknowledged', acknowledged_by = ?, acknowledged_at = ?, updated_at = ? WHERE id = ? AND status = 'open'")
        .run(userId, now, now, id).changes > 0
    );
  }

  /** False when it was already resolved. */
  resolve(id: number, resolution: IncidentResolution, now: number): boolean {
    return (
      this.db
        .prepare("UPDATE incidents SET status = 'resolved', resolution = ?, resolved_at = ?, updated_at = ? WHERE id = ? AND status != 'resolved'")
        .run(resolution, now, now, id).changes > 0
    );
  }

  setParentTs(id: number, ts: string): void {
    this.db.prepare('UPDATE incidents SET parent_ts = ? WHERE id = ?').run(ts, id);
  }
}

function toIncident(r: Row): Incident {
  return {
    id: r.id,
    watchId: r.watch_id,
    host: r.host,
    channel: r.channel,
    status: r.status,
    problems: JSON.parse(r.problems) as ProblemSummary[],
    changes: JSON.parse(r.changes) as string[],
    openedAt: r.opened_at,
    updatedAt: r.updated_at,
    acknowledgedBy: r.acknowledged_by,
    acknowledgedAt: r.acknowledged_at,
    resolvedAt: r.resolved_at,
    resolution: r.resolution,
    lastResultId: r.last_result_id,
    announced: r.announced === 1,
    parentTs: r.parent_ts,
  };
}
