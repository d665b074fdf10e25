import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ACTION } from '../../src/slack/action-ids';
import { startBotProcess, type BotProcess } from '../helpers/bot-process';
import { createTestPki } from '../helpers/pki';
import { createTestDatabase, describePostgres, type TestDatabase } from '../helpers/postgres';
import { tcpPortsOf } from '../helpers/process-sockets';
import { startFoundingCaseServer, type ScriptedServer } from '../helpers/scripted-server';
import { startSlackStandIn, type ApiCall, type SlackStandIn } from '../helpers/slack-api-stand-in';
import { clickBody, slashCommandBody, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, visibleText, type ClickOptions, type CommandOptions } from '../helpers/slack-bot';
import { signedHeaders } from '../helpers/slack-signature';
import { startSwitchableServer, type SwitchableServer } from '../watch/helpers/switchable-server';

jest.setTimeout(90_000);

/** Watches in the fleet, each on its own loopback address. */
const FLEET = 21;
/** Watch runs at once per replica (STARTTLS_WATCH_CONCURRENCY). */
const CONCURRENCY = 8;
const LEASE_MS = 10_000;
const CHANNEL = 'C0REPLICAS';
const OPS = 'C0OPSALERT';
/** Generous: 2 cores shared by many. Deadlines only bound a wait, they assert no speed. */
const DEADLINE_MS = 60_000;

interface Replica {
  name: string;
  process: BotProcess;
  url: string;
}

interface Watched {
  host: string;
  server: SwitchableServer;
}

const isReport = (call: ApiCall) => call.body.blocks?.[0]?.type === 'header';
const isTopLevel = (call: ApiCall) => call.body.thread_ts === undefined;

async function until<T>(what: string, find: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = DEADLINE_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined && found !== false) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Three real bot processes (`node dist/slack/main.js`, HTTP mode) on one PostgreSQL and one
 * Web API stand-in, 21 watches on loopback servers switched good → broken → good while one
 * replica is SIGKILLed holding claims; what an operator sees is counted at the stand-in.
 */
describePostgres('three bot replicas on one PostgreSQL', () => {
  const pki = createTestPki();
  const good = pki.goodLeaf('mx.example.test');
  const expired = pki.expiredLeaf('mx.example.test');
  let db: TestDatabase;
  let pg: Client;
  let slack: SlackStandIn;
  let caDir: string;
  let fleet: Watched[] = [];
  let founding: ScriptedServer;
  let advertise = false;
  let foundingConnections = 0;
  let replicas: Replica[] = [];

  const query = async <T = Record<string, any>>(sql: string, params: unknown[] = []) => (await pg.query(sql, params)).rows as T[];

  const send = async (replica: Replica, body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${replica.url}/slack/events`, { method: 'POST', headers: { ...signedHeaders(TEST_SIGNING_SECRET, body), ...headers }, body });
    expect(res.status).toBe(200);
  };
  const command = (replica: Replica, text: string, o: CommandOptions, headers?: Record<string, string>) =>
    send(replica, slashCommandBody(slack, text, { channel: CHANNEL, ...o }), headers);
  const click = (replica: Replica, actionId: string, value: string, o: ClickOptions) => send(replica, clickBody(slack, actionId, value, { channel: CHANNEL, ...o }));

  /** What a command posted: its progress message (it names the asker), then the report in it. */
  const postsFor = (user: string) => slack.callsOf('chat.postMessage').filter((c) => JSON.stringify(c.body).includes(user));
  const reportIn = (ts: string) => slack.callsOf('chat.update').find((c) => c.body.ts === ts && isReport(c));

  const alertsOf = (host: string) => slack.callsOf('chat.postMessage').filter((c) => isTopLevel(c) && String(c.body.text).startsWith(`STARTTLS alert: ${host}:`));
  const repliesIn = (ts: string) => slack.callsOf('chat.postMessage').filter((c) => c.body.thread_ts === ts);
  const updatesOf = (ts: string) => slack.callsOf('chat.update').filter((c) => c.body.ts === ts);

  beforeAll(async () => {
    db = await createTestDatabase();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    slack = await startSlackStandIn();
    caDir = mkdtempSync(join(tmpdir(), 'starttls-replicas-ca-'));
    writeFileSync(join(caDir, 'root.pem'), pki.rootPem);
    fleet = await Promise.all(
      Array.from({ length: FLEET }, async (_, i) => {
        const host = `127.0.1.${101 + i}`;
        return { host, server: await startSwitchableServer({ starttls: true, certificate: good, capabilities: ['SIZE 10240000'] }, host) };
      }),
    );
    founding = await startFoundingCaseServer(
      () => advertise,
      () => foundingConnections++,
    );
    const env = (name: string): Record<string, string> => ({
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      REPLICA_ID: name,
      DATABASE_URL: db.url,
      // The fleet is on 127.0.1.x, the founding case's port 25 on 127.0.0.1.
      STARTTLS_ALLOWED_TARGETS: '127.0.0.0/8',
      STARTTLS_ALLOWED_PORTS: [founding.port, ...fleet.map((w) => w.server.port)].join(','),
      STARTTLS_OPS_CHANNEL: OPS,
      STARTTLS_WATCH_MIN_INTERVAL: '1s',
      STARTTLS_WATCH_LEASE: `${LEASE_MS / 1000}s`,
      STARTTLS_WATCH_CONCURRENCY: String(CONCURRENCY),
      STARTTLS_RATE_LIMIT: '2/600',
      // The fleet's certificates chain to the test root, as a public CA's would to the bundled roots.
      NODE_EXTRA_CA_CERTS: join(caDir, 'root.pem'),
    });
    replicas = ['replica-a', 'replica-b', 'replica-c'].map((name) => ({ name, process: startBotProcess(env(name)), url: '' }));
    for (const r of replicas) {
      r.url = `http://127.0.0.1:${(await r.process.logLine('listening for Slack requests', DEADLINE_MS)).port}`;
      await r.process.logLine('starttls-bot started', DEADLINE_MS);
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.process.stop()));
    await Promise.all([...fleet.map((w) => w.server.close()), founding?.close(), slack?.close()]);
    await pg?.end();
    await db?.drop();
    if (caDir) rmSync(caDir, { recursive: true, force: true });
  });

  it('takes 21 watches through the three replicas; every watch runs, nothing alerts while all is well', async () => {
    await Promise.all(fleet.map((w, i) => command(replicas[i % 3], `watch ${w.host} ${w.server.port} every 3s`, { user: `U0WATCH${i}` })));
    await until('every watch stored', async () => (await query('SELECT host FROM watches')).length === FLEET);
    await until('two runs of every watch', async () => {
      const runs = await query<{ n: string }>('SELECT COUNT(*) AS n FROM results WHERE watch_id IS NOT NULL GROUP BY watch_id HAVING COUNT(*) >= 2');
      return runs.length === FLEET;
    });
    expect(slack.callsOf('chat.postMessage').filter((c) => c.body.channel === OPS)).toEqual([]);
    expect(await query('SELECT id FROM incidents')).toEqual([]);
  });

  it('Re-run on a report posted through replica A works when clicked through replica B', async () => {
    await command(replicas[0], `127.0.0.1 ${founding.port}`, { user: 'U0REPORTER' });
    const [progress] = await until('the report from A', () => postsFor('U0REPORTER').length > 0 && postsFor('U0REPORTER'));
    const report = await until('the report from A', () => reportIn(slack.tsOf(progress)));
    expect(visibleText(report.body.blocks)).toContain('STARTTLS not advertised');
    const value: string = report.body.blocks.find((b: { type: string }) => b.type === 'actions').elements[0].value;

    advertise = true;
    await click(replicas[1], ACTION.rerun, value, { messageTs: report.body.ts, user: 'U0COLLEAG1' });
    const rerunProgress = await until('the re-run in the thread', () => repliesIn(report.body.ts)[0]);
    const rerun = await until('the re-run result', () => reportIn(slack.tsOf(rerunProgress)));
    // "What changed" is against the report replica A stored: B had it from the database.
    expect(visibleText(rerun.body.blocks)).toContain(`STARTTLS now advertised on ${founding.port}`);
    expect(foundingConnections).toBe(2);
    advertise = false;
  });

  it('a command Slack redelivers to another replica runs once', async () => {
    const before = foundingConnections;
    const o = { user: 'U0REDELIV1', triggerId: 'trigger-redelivered-1' };
    const dropped = (r: Replica) => r.process.stderr().split('duplicate request ignored').length - 1;
    const droppedByAOrC = () => dropped(replicas[0]) + dropped(replicas[2]);
    const droppedBefore = droppedByAOrC();
    await command(replicas[0], `127.0.0.1 ${founding.port}`, o);
    // Slack's retry of the same request (it missed the acknowledgement), which the load balancer sends elsewhere.
    await command(replicas[2], `127.0.0.1 ${founding.port}`, o, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    // Both acknowledge at once, then race to record the trigger: whichever is second drops it.
    await until('one replica dropping the redelivery', () => droppedByAOrC() > droppedBefore);
    const [progress] = await until('the report', () => postsFor('U0REDELIV1').length > 0 && postsFor('U0REDELIV1'));
    await until('the report', () => reportIn(slack.tsOf(progress)));
    expect(postsFor('U0REDELIV1')).toHaveLength(1);
    expect(droppedByAOrC()).toBe(droppedBefore + 1);
    expect(foundingConnections).toBe(before + 1);
  });

  it('holds the per-user rate limit across replicas (2 checks per 10 minutes)', async () => {
    const before = foundingConnections;
    const user = 'U0LIMITED1';
    await command(replicas[0], `127.0.0.1 ${founding.port}`, { user, responseId: 'limited-1' });
    await command(replicas[1], `127.0.0.1 ${founding.port}`, { user, responseId: 'limited-2' });
    await until('both reports', () => postsFor(user).length === 2 && postsFor(user).every((p) => reportIn(slack.tsOf(p))));
    await command(replicas[2], `127.0.0.1 ${founding.port}`, { user, responseId: 'limited-3' });
    const refusal = await until('the refusal', () => slack.responses.find((r) => r.id === 'limited-3'));
    expect(visibleText(refusal.body.blocks)).toMatch(/you have run 2 checks in the last 600 s; try again in \d+ s/);
    expect(postsFor(user)).toHaveLength(2);
    expect(foundingConnections).toBe(before + 2);
  });

  const broken = (i: number) => i % 2 === 0;

  it('alerts once per watch when half lose STARTTLS and half serve an expired certificate', async () => {
    for (const [i, w] of fleet.entries()) {
      if (broken(i)) w.server.behaviour.starttls = false;
      else w.server.behaviour.certificate = expired;
    }
    await until('an alert for every watch', () => fleet.every((w) => alertsOf(w.host).length > 0));
    for (const [i, w] of fleet.entries()) {
      const port = w.server.port;
      expect(String(alertsOf(w.host)[0].body.text)).toMatch(broken(i) ? `Port ${port} does not offer STARTTLS` : `The certificate on port ${port} expired`);
    }
  });

  let victimHosts: string[] = [];
  let leaseEnds = new Map<string, number>();

  it('SIGKILL of a replica holding claims: its watches run on another replica once their lease ends', async () => {
    // Hold every greeting: each run stays under way until released, so every watch gets claimed and held.
    for (const w of fleet) w.server.hold();
    await until('every watch held in a run', () => fleet.every((w) => w.server.clientPorts().length === 1));
    // Runs held queue nothing: wait for the outbox to be idle, outside the documented duplicate window.
    await until('an idle outbox', async () => (await query("SELECT id FROM outbox WHERE status = 'pending'")).length === 0);

    const hostsHeldBy = (r: Replica) => {
      const ports = tcpPortsOf(r.process.child.pid!);
      return fleet.filter((w) => w.server.clientPorts().some((p) => ports.has(p))).map((w) => w.host);
    };
    const held = replicas.map(hostsHeldBy);
    // Each replica keeps to STARTTLS_WATCH_CONCURRENCY, so the third holds at least 21 - 2 × 8 runs.
    expect(held.flat().sort()).toEqual(fleet.map((w) => w.host).sort());
    for (const hosts of held) expect(hosts.length).toBeLessThanOrEqual(CONCURRENCY);
    const victim = replicas[2];
    victimHosts = held[2];
    expect(victimHosts.length).toBeGreaterThanOrEqual(FLEET - 2 * CONCURRENCY);
    const exited = new Promise((r) => victim.process.child.once('exit', r));
    victim.process.child.kill('SIGKILL');
    await exited;
    const killedAt = Date.now();

    const claims = await query<{ host: string; lease_until: string }>('SELECT host, lease_until FROM watches WHERE host = ANY($1) AND claim_token IS NOT NULL', [victimHosts]);
    expect(claims.map((c) => c.host).sort()).toEqual([...victimHosts].sort());
    leaseEnds = new Map(claims.map((c) => [c.host, Number(c.lease_until)]));

    // Mended meanwhile: the held runs of the survivors and the victim's watches, once taken over, come back clean.
    for (const w of fleet) {
      w.server.behaviour.starttls = true;
      w.server.behaviour.certificate = good;
      w.server.release();
    }
    const takenOver = await until('every watch of the killed replica run again', async () => {
      const rows = await query<{ host: string; started_at: string }>('SELECT host, MIN(started_at) AS started_at FROM results WHERE host = ANY($1) AND started_at > $2 GROUP BY host', [
        victimHosts,
        killedAt,
      ]);
      return rows.length === victimHosts.length && rows;
    });
    for (const row of takenOver) {
      // Not before its lease ended: the dead replica's claim was honoured to the end.
      expect(Number(row.started_at)).toBeGreaterThanOrEqual(leaseEnds.get(row.host)!);
    }
  });

  it('resolves every incident exactly once, with nothing left in the outbox', async () => {
    await until('every incident resolved', async () => {
      const live = await query("SELECT id FROM incidents WHERE status != 'resolved'");
      const all = await query('SELECT id FROM incidents');
      return all.length === FLEET && live.length === 0;
    });
    await until('an empty outbox', async () => (await query("SELECT id FROM outbox WHERE status != 'sent'")).length === 0);
    const incidents = await query<{ host: string; parent_ts: string }>('SELECT host, parent_ts FROM incidents ORDER BY host');
    for (const w of fleet) {
      const mine = incidents.filter((i) => i.host === w.host);
      expect(mine).toHaveLength(1);
      const alerts = alertsOf(w.host);
      expect(alerts.map((a) => slack.tsOf(a))).toEqual([mine[0].parent_ts]);
      const ts = mine[0].parent_ts;
      expect(repliesIn(ts).filter((r) => String(r.body.text).startsWith(`Resolved: ${w.host} after`))).toHaveLength(1);
      expect(String(updatesOf(ts).at(-1)?.body.text)).toMatch(new RegExp(`^Resolved: ${w.host.replace(/\./g, '\\.')}:`));
    }
    expect(await query("SELECT id, status, last_error FROM outbox WHERE status != 'sent'")).toEqual([]);
  });

  it('never ran a watch twice at once', async () => {
    for (const w of fleet) expect({ host: w.host, peak: w.server.peak() }).toEqual({ host: w.host, peak: 1 });
    const results = await query<{ host: string; started_at: string; report: string }>('SELECT host, started_at, report FROM results WHERE watch_id IS NOT NULL ORDER BY host, started_at');
    for (const w of fleet) {
      const runs = results.filter((r) => r.host === w.host).map((r) => ({ start: Number(r.started_at), end: Number(r.started_at) + (JSON.parse(r.report) as { durationMs: number }).durationMs }));
      for (let i = 1; i < runs.length; i++) expect(runs[i].start).toBeGreaterThanOrEqual(runs[i - 1].end);
    }
    for (const r of replicas.slice(0, 2)) expect(r.process.stderr()).not.toContain('watch run outlived its claim');
  });
});
