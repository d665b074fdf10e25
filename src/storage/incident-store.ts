import type { IncidentRecord, NewIncidentRecord } from './records';
import type { Sql } from './sql';

interface Row {
  id: number;
  watch_id: number | null;
  host: string;
  servername: string | null;
  channel: string;
  status: IncidentRecord<unknown>['status'];
  problems: string;
  changes: string;
  opened_at: number;
  updated_at: number;
  acknowledged_by: string | null;
  acknowledged_at: number | null;
  resolved_at: number | null;
  resolution: IncidentRecord<unknown>['resolution'];
  last_result_id: number | null;
  announced: number;
  parent_ts: string | null;
}

/** A watch's incidents: at most one live (open or acknowledged) per watch, enforced by a unique index. */
export class SqlIncidents<P> {
  constructor(private readonly sql: Sql) {}

  async open(incident: NewIncidentRecord<P>, now: number): Promise<IncidentRecord<P>> {
    const row = await this.sql.get<Row>(
      `INSERT INTO incidents (watch_id, host, servername, channel, status, problems, changes, opened_at, updated_at, last_result_id, announced)
       VALUES (?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?) RETURNING *`,
      [incident.watchId, incident.host, incident.servername ?? null, incident.channel, JSON.stringify(incident.problems), JSON.stringify(incident.changes), now, now, incident.resultId, incident.announced ? 1 : 0],
    );
    return this.toIncident(row!);
  }

  async byId(id: number): Promise<IncidentRecord<P> | undefined> {
    return this.one('SELECT * FROM incidents WHERE id = ?', [id]);
  }

  async live(watchId: number): Promise<IncidentRecord<P> | undefined> {
    return this.one("SELECT * FROM incidents WHERE watch_id = ? AND status != 'resolved'", [watchId]);
  }

  /** Most recent first. */
  async recent(host: string, limit = 10): Promise<IncidentRecord<P>[]> {
    return (await this.sql.all<Row>('SELECT * FROM incidents WHERE host = ? ORDER BY opened_at DESC, id DESC LIMIT ?', [host, limit])).map((r) => this.toIncident(r));
  }

  async setProblems(id: number, problems: P[], changes: string[], resultId: number, now: number): Promise<void> {
    await this.sql.run('UPDATE incidents SET problems = ?, changes = ?, last_result_id = ?, updated_at = ? WHERE id = ?', [
      JSON.stringify(problems),
      JSON.stringify(changes),
      resultId,
      now,
      id,
    ]);
  }

  /** The incident whose alert is this Slack message. */
  async byParentTs(channel: string, ts: string): Promise<IncidentRecord<P> | undefined> {
    return this.one('SELECT * FROM incidents WHERE channel = ? AND parent_ts = ?', [channel, ts]);
  }

  /** Marks it announced, in the channel alerts go to now. */
  async announce(id: number, channel: string, now: number): Promise<void> {
    await this.sql.run('UPDATE incidents SET announced = 1, channel = ?, updated_at = ? WHERE id = ?', [channel, now, id]);
  }

  /** Only an open incident can be acknowledged; false when it already was, or is resolved. */
  async acknowledge(id: number, userId: string, now: number): Promise<boolean> {
    const changed = await this.sql.run(
      "UPDATE incidents SET status = 'acknowledged', acknowledged_by = ?, acknowledged_at = ?, updated_at = ? WHERE id = ? AND status = 'open'",
      [userId, now, now, id],
    );
    return changed > 0;
  }

  /** False when it was already resolved. */
  async resolve(id: number, resolution: 'clean' | 'unwatched', now: number): Promise<boolean> {
    const changed = await this.sql.run("UPDATE incidents SET status = 'resolved', resolution = ?, resolved_at = ?, updated_at = ? WHERE id = ? AND status != 'resolved'", [
      resolution,
      now,
      now,
      id,
    ]);
    return changed > 0;
  }

  async setParentTs(id: number, ts: string): Promise<void> {
    await this.sql.run('UPDATE incidents SET parent_ts = ? WHERE id = ?', [ts, id]);
  }

  private async one(text: string, params: (string | number)[]): Promise<IncidentRecord<P> | undefined> {
    const row = await this.sql.get<Row>(text, params);
    return row && this.toIncident(row);
  }

  private toIncident(r: Row): IncidentRecord<P> {
    return {
      id: r.id,
      watchId: r.watch_id,
      host: r.host,
      servername: r.servername,
      channel: r.channel,
      status: r.status,
      problems: JSON.parse(r.problems) as P[],
      changes: JSON.parse(r.changes) as string[],
      openedAt: r.opened_at,
      updatedAt: r.updated_at,
      acknowledgedBy: r.acknowledged_by,
      acknowledgedAt: r.acknowledged_at,
      resolvedAt: r.resolved_at,
      resolution: r.resolution,
      lastResultId: r.last_result_id,
      announced: Number(r.announced) === 1,
      parentTs: r.parent_ts,
    };
  }
}
