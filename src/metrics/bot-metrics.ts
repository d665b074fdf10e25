import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Checker } from '../check/checker';
import type { Report } from '../report/types';
import { readiness, type ReadinessCheck } from './readiness';
import type { StoreGauges } from './store-gauges';

export interface PoolGauges {
  stats(): { running: number; queued: number };
}

export interface BotMetricsOptions {
  /** REPLICA_ID or the host name: tells replicas apart behind one scrape target. */
  replica: string;
  pool?: PoolGauges;
  store?: StoreGauges;
  /** Node process metrics (CPU, memory, event loop lag, handles). Default true. */
  processMetrics?: boolean;
  now?: () => number;
}

/** One Web API attempt as seen on the wire: method and outcome (ok, slack_error, rate_limited, http_503, connection_refused…). */
export interface WebApiAttempt {
  method: string;
  outcome: string;
}

const STEP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** The bot's Prometheus registry: counters fed as work happens, gauges read at scrape time. */
export class BotMetrics {
  readonly registry = new Registry();
  private readonly checks: Counter<'verdict'>;
  private readonly findings: Counter<'finding' | 'severity'>;
  private readonly steps: Histogram<'step'>;
  private readonly webApi: Counter<'method' | 'outcome'>;

  constructor(options: BotMetricsOptions) {
    const registers = [this.registry];
    const now = options.now ?? Date.now;
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'starttls_' });
    new Gauge({ name: 'starttls_replica_info', help: 'Always 1; the replica label tells replicas apart (REPLICA_ID or host name).', labelNames: ['replica'], registers }).set({ replica: options.replica }, 1);
    this.checks = new Counter({ name: 'starttls_checks_total', help: 'Checks finished (Slack commands, Re-runs and watch runs), by verdict.', labelNames: ['verdict'], registers });
    this.findings = new Counter({ name: 'starttls_findings_total', help: 'Findings reported by finished checks, by finding id and severity.', labelNames: ['finding', 'severity'], registers });
    this.steps = new Histogram({ name: 'starttls_probe_step_duration_seconds', help: 'Time each probe step took (resolve, connect, greeting, ehlo, starttls, tls-handshake, ehlo-tls, quit), per port.', labelNames: ['step'], buckets: STEP_BUCKETS, registers });
    this.webApi = new Counter({ name: 'starttls_slack_api_calls_total', help: 'Slack Web API requests (each retry counts), by method and outcome: ok, slack_error, rate_limited (429), http_<status>, or the network cause.', labelNames: ['method', 'outcome'], registers });
    const pool = options.pool;
    if (pool) {
      new Gauge({ name: 'starttls_pool_running', help: 'Checks running in the worker pool.', registers, collect() { this.set(pool.stats().running); } });
      new Gauge({ name: 'starttls_pool_queued', help: 'Checks waiting for a worker (pool-wide or per-host limit).', registers, collect() { this.set(pool.stats().queued); } });
    }
    const store = options.store;
    if (store) {
      new Gauge({ name: 'starttls_watch_schedule_lag_seconds', help: 'How overdue the most overdue watch is (0 when none is due).', registers, async collect() { this.set(await orNaN(async () => (await store.scheduleLagMs(now())) / 1000)); } });
      new Gauge({ name: 'starttls_outbox_backlog', help: 'Slack messages (alerts, thread replies, updates) waiting in the outbox.', registers, async collect() { this.set(await orNaN(async () => (await store.outboxBacklog(now())).rows)); } });
      new Gauge({ name: 'starttls_outbox_oldest_age_seconds', help: 'How long the oldest message waiting in the outbox has waited (0 when empty).', registers, async collect() { this.set(await orNaN(async () => (await store.outboxBacklog(now())).oldestAgeMs / 1000)); } });
    }
  }

  /** starttls_ready{check}: what /readyz answers, as 1/0 per check, for alerting without a blackbox probe. */
  trackReadiness(checks: ReadinessCheck[]): void {
    new Gauge({
      name: 'starttls_ready',
      help: 'What /readyz reports, per check (slack, store): 1 ready, 0 not.',
      labelNames: ['check'],
      registers: [this.registry],
      async collect() {
        const result = await readiness(checks);
        for (const [check, outcome] of Object.entries(result.checks)) this.set({ check }, outcome === 'ok' ? 1 : 0);
      },
    });
  }

  observeReport(report: Report): void {
    this.checks.inc({ verdict: report.verdict });
    for (const finding of report.findings) this.findings.inc({ finding: finding.id, severity: finding.severity });
    for (const port of report.ports) {
      for (const [step, ms] of Object.entries(port.timings)) if (typeof ms === 'number') this.steps.observe({ step }, ms / 1000);
    }
  }

  observeWebApi = (call: WebApiAttempt): void => {
    this.webApi.inc({ method: call.method, outcome: call.outcome });
  };

  /** The same Checker, counting every report it returns. */
  instrument(checker: Checker): Checker {
    return async (request, hooks) => {
      const report = await checker(request, hooks);
      this.observeReport(report);
      return report;
    };
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}

/** A store that cannot answer makes the gauge NaN for this scrape rather than failing the whole scrape. */
async function orNaN(read: () => Promise<number>): Promise<number> {
  try {
    return await read();
  } catch {
    return Number.NaN;
  }
}
