import { createTestPki, DAY_MS } from '../helpers/pki';
import { FakePoster } from './helpers/fake-poster';
import { startSwitchableServer, type SwitchableServer } from './helpers/switchable-server';
import { describeEachStore } from '../helpers/stores';
import { startHarness, type Harness } from './helpers/watch-harness';

const MIN = 60_000;
const HOST = '127.0.0.1';

/** Moves the clock to the watch's next run and runs the cycle. */
async function nextRun(h: Harness): Promise<void> {
  const w = (await h.store.watches.byHost(HOST))!;
  if (w.nextRunAt > h.clock.now()) h.clock.set(w.nextRunAt);
  await h.cycle();
}

function calls(h: Harness) {
  const all = (h.poster as FakePoster).calls;
  return {
    all,
    topLevel: all.filter((c) => c.method === 'post' && !c.threadTs),
    replies: (ts: string | undefined) => all.filter((c) => c.threadTs === ts),
    updates: (ts: string | undefined) => all.filter((c) => c.method === 'update' && c.ts === ts),
  };
}

describeEachStore('watch alerts against a real loopback server', (current, backend) => {
  const pki = createTestPki();
  const good = pki.goodLeaf('mx.example.test', { ip: true });
  let server: SwitchableServer;
  let h: Harness;

  beforeEach(async () => {
    server = await startSwitchableServer({ starttls: true, certificate: good, capabilities: ['SIZE 10240000', 'PIPELINING'] });
  });
  afterEach(async () => {
    await server.close();
  });

  // Watched by address, as the name senders use: that name is what the certificate must cover.
  const watch = (intervalMs = 5 * MIN) =>
    h.service.watch({ kind: 'watch', host: HOST, servername: 'mx.example.test', ports: [server.port], intervalMs, expectNames: [] }, 'C0WATCH', 'U0MAKER');

  it('raises exactly one alert when STARTTLS is dropped, puts the next change in its thread, and resolves it on recovery', async () => {
    h = startHarness(current(), { settings: { opsChannel: 'C0OPS' } });
    await watch();
    await nextRun(h);
    expect(calls(h).all).toEqual([]);

    server.behaviour.starttls = false;
    await nextRun(h);
    await nextRun(h);
    const { topLevel } = calls(h);
    expect(topLevel).toHaveLength(1);
    expect(topLevel[0]).toMatchObject({ channel: 'C0OPS', text: expect.stringContaining(`[starttls-not-advertised@${server.port}]`) });
    const alertTs = topLevel[0].ts;

    // STARTTLS is back, with a certificate for another name: a new problem, same incident.
    server.behaviour.starttls = true;
    server.behaviour.certificate = pki.wrongNameLeaf();
    await nextRun(h);
    expect(calls(h).topLevel).toHaveLength(1);
    expect(calls(h).replies(alertTs)).toEqual([expect.objectContaining({ text: expect.stringMatching(/^CHANGED \[cert-name-mismatch@\d+\]/) })]);
    expect(calls(h).updates(alertTs).pop()?.text).toBe('STATUS open');

    server.behaviour.certificate = good;
    await nextRun(h);
    const after = calls(h);
    expect(after.topLevel).toHaveLength(1);
    expect(after.replies(alertTs).map((c) => c.text)).toEqual([expect.stringMatching(/^CHANGED/), `RESOLVED after ${15 * MIN}`]);
    expect(after.updates(alertTs).pop()?.text).toBe('STATUS resolved clean');

    await nextRun(h);
    expect(calls(h).all).toHaveLength(after.all.length);
  });

  it('announces each certificate expiry threshold once as the days pass', async () => {
    const expiring = pki.issueLeaf({ host: 'mx.example.test', ipAddresses: [HOST], notAfter: new Date(Date.now() + 40 * DAY_MS) });
    server.behaviour.certificate = expiring;
    h = startHarness(current());
    const start = h.clock.now();
    await watch(DAY_MS);
    const notices: string[] = [];
    let seen = 0;
    for (const day of [0, 11, 12, 27, 28, 34, 39.5, 39.7]) {
      h.clock.set(start + day * DAY_MS);
      await h.store.watches.runNow(HOST, h.clock.now());
      await h.cycle();
      notices.push(calls(h).topLevel.slice(seen).map((c) => c.text).join(' | '));
      seen = calls(h).topLevel.length;
    }
    expect(notices.map((n) => /crossed the (\d+)-day threshold/.exec(n)?.[1] ?? '')).toEqual(['', '30', '', '14', '', '7', '1', '']);
    expect(calls(h).topLevel.every((c) => c.channel === 'C0WATCH')).toBe(true);
  });

  it('damps flapping reachability, and alerts once the host stays unreachable for three runs', async () => {
    h = startHarness(current(), { settings: { unreachableRuns: 3 } });
    await watch();
    await nextRun(h);
    for (const up of [false, false, true, false, true, false, false, true]) {
      await (up ? server.up() : server.down());
      await nextRun(h);
    }
    expect(calls(h).all).toEqual([]);
    await server.down();
    await nextRun(h);
    await nextRun(h);
    expect(calls(h).all).toEqual([]);
    await nextRun(h);
    expect(calls(h).topLevel).toEqual([expect.objectContaining({ text: expect.stringContaining(`[port-unreachable@${server.port}]`) })]);
  });

  it('neither repeats nor loses an alert across a restart (the database kept)', async () => {
    const poster = new FakePoster();
    h = startHarness(current(), { poster });
    await watch();
    await nextRun(h);
    server.behaviour.starttls = false;
    await nextRun(h);
    expect(calls(h).topLevel).toHaveLength(1);
    const alertTs = calls(h).topLevel[0].ts;

    // The next change is queued but Slack is down; then the process dies mid-run of another watch.
    server.behaviour.starttls = true;
    server.behaviour.certificate = pki.wrongNameLeaf();
    poster.failNext(Object.assign(new Error('HTTP 503'), { code: 'slack_webapi_http_error', statusCode: 503 }));
    await nextRun(h);
    expect((await h.store.outbox.all()).filter((m) => m.status === 'pending')).toHaveLength(2);
    const dueAt = (await h.store.watches.byHost(HOST))!.nextRunAt;
    await h.store.watches.claimDue(dueAt, 10, { token: 'crashed', leaseMs: 3_600_000 });

    // A new process over the same database and the same Slack.
    const h2 = await h.restart();
    await h2.scheduler.start();
    await h2.dispatcher.start();
    await h2.scheduler.stop();
    await h2.dispatcher.stop();
    h = h2;
    h.clock.advance(1000);
    await h.dispatcher.drain();
    expect(calls(h).topLevel).toHaveLength(1);
    expect(calls(h).replies(alertTs)).toEqual([expect.objectContaining({ text: expect.stringMatching(/^CHANGED \[cert-name-mismatch/) })]);

    if (backend === 'postgres') {
      // Shared by replicas: the claim may be another replica's, so it holds until its lease ends.
      expect(await h.store.watches.byHost(HOST)).toMatchObject({ runningSince: dueAt });
      expect(await h.store.watches.claimDue(dueAt + 60_000, 10, { token: 'other', leaseMs: 60_000 })).toEqual([]);
      h.clock.set(dueAt + 3_600_000);
    }
    // The run the crash interrupted is due again; its result (unchanged) alerts nobody.
    if (backend === 'sqlite') expect(await h.store.watches.byHost(HOST)).toMatchObject({ runningSince: null });
    expect((await h.store.watches.byHost(HOST))!.nextRunAt).toBeLessThanOrEqual(dueAt);
    const before = calls(h).all.length;
    await nextRun(h);
    expect(calls(h).all).toHaveLength(before);
    expect(await h.store.incidents.recent(HOST)).toHaveLength(1);
  });
});
