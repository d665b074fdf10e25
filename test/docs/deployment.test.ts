import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BotMetrics } from '../../src/metrics/bot-metrics';
import { storeGauges } from '../../src/storage/ops-gauges';
import { Store } from '../../src/storage/open-store';
import { openSqlite } from '../../src/storage/sqlite-engine';

const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

/** No container engine here: these check what can be checked of the image and the stack without one. */
describe('compose.yaml', () => {
  // Compose applies YAML merge keys (<<: *bot).
  const compose = parse(read('compose.yaml'), { merge: true }) as { services: Record<string, any> };
  const bots = Object.entries(compose.services).filter(([name]) => name.startsWith('bot-'));

  it('runs PostgreSQL with a health check and two replicas that wait for it', () => {
    expect(compose.services.postgres.image).toMatch(/^postgres:16/);
    expect(compose.services.postgres.healthcheck.test.join(' ')).toContain('pg_isready');
    expect(bots).toHaveLength(2);
    for (const [, bot] of bots) {
      expect(bot.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
      expect(bot.environment.DATABASE_URL).toMatch(/^postgres:\/\/starttls:.+@postgres:5432\/starttls$/);
    }
  });

  it('gives each replica its own REPLICA_ID and data volume, and publishes its METRICS_PORT on loopback', () => {
    expect(new Set(bots.map(([, b]) => b.environment.REPLICA_ID)).size).toBe(2);
    expect(new Set(bots.map(([, b]) => b.volumes[0])).size).toBe(2);
    for (const [, bot] of bots) {
      expect(bot.ports).toHaveLength(1);
      expect(bot.ports[0]).toMatch(new RegExp(`^127\\.0\\.0\\.1:\\d+:${bot.environment.METRICS_PORT}$`));
    }
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages[stages.length - 1];

  it('builds on slim Node 20 and runs without a compiler, dev dependencies or root', () => {
    expect(stages.map((s) => s.split(/\s/)[0])).toEqual(['node:20-bookworm-slim', 'toolchain', 'toolchain', 'node:20-bookworm-slim']);
    expect(dockerfile).toContain('npm ci --omit=dev');
    expect(runtime).not.toMatch(/apt-get|g\+\+|npm ci/);
    expect(runtime).toMatch(/^USER node$/m);
  });

  it('checks its health on /healthz at METRICS_PORT, else PORT, and starts the bot', () => {
    expect(runtime).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
    expect(runtime).toContain('process.env.METRICS_PORT || process.env.PORT');
    expect(runtime).toContain('CMD ["node", "dist/slack/main.js"]');
  });
});

describe('deploy/prometheus', () => {
  it('scrapes /metrics, and every alert uses a metric the bot exports', async () => {
    const prometheus = parse(read('deploy/prometheus/prometheus.yml'));
    expect(prometheus.scrape_configs[0].metrics_path).toBe('/metrics');
    const db = new Store(openSqlite(':memory:'));
    const metrics = new BotMetrics({ replica: 'r', store: storeGauges(db), pool: { stats: () => ({ running: 0, queued: 0 }) } });
    metrics.trackReadiness([]);
    const exported = new Set((await metrics.registry.getMetricsAsJSON()).map((m) => m.name));
    await db.close();
    const rules = parse(read('deploy/prometheus/alerts.yml')).groups.flatMap((g: { rules: unknown[] }) => g.rules) as { alert: string; expr: string }[];
    expect(rules.length).toBeGreaterThanOrEqual(5);
    for (const rule of rules) {
      for (const name of rule.expr.match(/\bstarttls_[a-z_]+/g) ?? []) expect({ alert: rule.alert, name, exported: exported.has(name) }).toEqual({ alert: rule.alert, name, exported: true });
    }
  });
});
