import { checkRequest } from '../../src/check/check-request';
import { checkTarget } from '../../src/check/check-target';
import { CheckPool } from '../../src/execution/check-pool';
import { BotMetrics } from '../../src/metrics/bot-metrics';
import { storeGauges } from '../../src/storage/ops-gauges';
import { Store } from '../../src/storage/open-store';
import { openSqlite } from '../../src/storage/sqlite-engine';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server';

const NOW = 1_800_000_000_000;

/** The value of one sample line, e.g. sample(text, 'starttls_pool_running'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('BotMetrics', () => {
  let db: Store;
  let smtp: RunningServer;
  let pool: CheckPool;

  beforeAll(async () => {
    smtp = await startSmtpServer({ name: 'metrics.example.test', hideSTARTTLS: true });
    pool = new CheckPool({ inline: true });
  });
  beforeEach(() => {
    db = new Store(openSqlite(':memory:'));
  });
  afterEach(() => db.close());
  afterAll(async () => {
    await pool.close();
    await smtp.close();
  });

  it('reads schedule lag and the outbox backlog from the SQLite store at scrape time', async () => {
    const { watches, outbox } = db.watchStore();
    const watch = { ports: [25], expectNames: [], intervalMs: 900_000, channel: 'C0OPS00001', createdBy: 'U0OPS00001' };
    await watches.upsert({ ...watch, host: 'late.example.test' }, NOW - 600_000, NOW - 90_000);
    await watches.upsert({ ...watch, host: 'running.example.test' }, NOW - 600_000, NOW - 300_000);
    await watches.upsert({ ...watch, host: 'future.example.test' }, NOW - 600_000, NOW + 60_000);
    // The most overdue one is running: its lag is not schedule lag.
    expect((await watches.claimDue(NOW, 1, { token: 'replica-1', leaseMs: 60_000 })).map((w) => w.host)).toEqual(['running.example.test']);
    const message = { incidentId: null, channel: 'C0OPS00001', op: 'post' as const, payload: { kind: 'incident-resolved' as const, changes: [], notices: [], durationMs: 1, resultId: 1 } };
    await outbox.enqueue(message, NOW - 120_000);
    await outbox.enqueue(message, NOW - 5_000);

    const metrics = new BotMetrics({ replica: 'bot-1', store: storeGauges(db), pool, processMetrics: false, now: () => NOW });
    const text = await metrics.text();
    expect(sample(text, 'starttls_watch_schedule_lag_seconds')).toBe(90);
    expect(sample(text, 'starttls_outbox_backlog')).toBe(2);
    expect(sample(text, 'starttls_outbox_oldest_age_seconds')).toBe(120);
    expect(sample(text, 'starttls_pool_running')).toBe(0);
    expect(sample(text, 'starttls_pool_queued')).toBe(0);
    expect(sample(text, 'starttls_replica_info{replica="bot-1"}')).toBe(1);
  });

  it('reports zero lag and an empty outbox when nothing is due or waiting', async () => {
    const text = await new BotMetrics({ replica: 'bot-1', store: storeGauges(db), processMetrics: false, now: () => NOW }).text();
    expect(sample(text, 'starttls_watch_schedule_lag_seconds')).toBe(0);
    expect(sample(text, 'starttls_outbox_backlog')).toBe(0);
    expect(sample(text, 'starttls_outbox_oldest_age_seconds')).toBe(0);
  });

  it('keeps answering when the store does not: the store gauges read NaN for that scrape', async () => {
    const gauges = storeGauges(db);
    await db.close();
    const text = await new BotMetrics({ replica: 'bot-1', store: gauges, processMetrics: false }).text();
    expect(sample(text, 'starttls_watch_schedule_lag_seconds')).toBeNaN();
    expect(sample(text, 'starttls_outbox_backlog')).toBeNaN();
    db = new Store(openSqlite(':memory:'));
  });

  it('counts a finished check by verdict and finding, and each probe step it timed', async () => {
    const metrics = new BotMetrics({ replica: 'bot-1', processMetrics: false });
    const report = await metrics.instrument(checkTarget)(checkRequest('127.0.0.1', [smtp.port]));
    const text = await metrics.text();
    expect(sample(text, `starttls_checks_total{verdict="${report.verdict}"}`)).toBe(1);
    expect(report.findings.map((f) => f.id)).toContain('starttls-not-advertised');
    for (const f of report.findings) expect(sample(text, `starttls_findings_total{finding="${f.id}",severity="${f.severity}"}`)).toBe(1);
    for (const step of Object.keys(report.ports[0].timings)) expect(sample(text, `starttls_probe_step_duration_seconds_count{step="${step}"}`)).toBe(1);
    expect(Object.keys(report.ports[0].timings)).toEqual(expect.arrayContaining(['connect', 'greeting', 'ehlo']));
  });

  it('counts Web API attempts by method and outcome, 429s included', async () => {
    const metrics = new BotMetrics({ replica: 'bot-1', processMetrics: false });
    metrics.observeWebApi({ method: 'chat.postMessage', outcome: 'rate_limited' });
    metrics.observeWebApi({ method: 'chat.postMessage', outcome: 'ok' });
    metrics.observeWebApi({ method: 'chat.postMessage', outcome: 'ok' });
    const text = await metrics.text();
    expect(sample(text, 'starttls_slack_api_calls_total{method="chat.postMessage",outcome="rate_limited"}')).toBe(1);
    expect(sample(text, 'starttls_slack_api_calls_total{method="chat.postMessage",outcome="ok"}')).toBe(2);
  });
});
