import { renderOutboxMessage } from '../../src/slack/blocks/watch-outbox-blocks';
import { webClientPoster } from '../../src/slack/web-client-poster';
import { blockKitViolations } from '../helpers/block-kit-limits';
import { createTestPki, INTERMEDIATE_SUBJECT } from '../helpers/pki';
import { startSlackStandIn, type SlackStandIn } from '../helpers/slack-api-stand-in';
import { visibleText } from '../helpers/slack-bot';
import { startSwitchableServer, type SwitchableServer } from './helpers/switchable-server';
import { describeEachStore } from '../helpers/stores';
import { startHarness, type Harness } from './helpers/watch-harness';

const HOST = '127.0.0.1';
const NAME = 'mx.example.test';

/**
 * A watch of an address with servername mx.example.test, its alerts posted as Block Kit through a
 * real WebClient to the Slack stand-in: a wrong name on a trusted chain, then the right name on a
 * chain nobody trusts, must read as two different facts.
 */
describeEachStore('watch alerts keep chain trust and identity apart', (current) => {
  const pki = createTestPki();
  let server: SwitchableServer;
  let slack: SlackStandIn;
  let h: Harness;

  beforeAll(async () => {
    server = await startSwitchableServer({ starttls: true, certificate: pki.goodLeaf(NAME), capabilities: ['SIZE 10240000'] });
    slack = await startSlackStandIn();
  });
  beforeEach(() => {
    h = startHarness(current(), { poster: webClientPoster('xoxb-1111-2222-testtokensecretvalue', { slackApiUrl: slack.apiUrl }), render: renderOutboxMessage });
  });
  afterAll(async () => {
    await server.close();
    await slack.close();
  });

  async function nextRun(): Promise<void> {
    const w = (await h.store.watches.byHost(HOST))!;
    if (w.nextRunAt > h.clock.now()) h.clock.set(w.nextRunAt);
    await h.cycle();
  }
  const posts = () => slack.callsOf('chat.postMessage');

  it('alerts on the name alone, then on the chain alone, each in its own words', async () => {
    await h.service.watch({ kind: 'watch', host: HOST, servername: NAME, ports: [server.port], intervalMs: 300_000, expectNames: [] }, 'C0WATCH', 'U0MAKER');
    await nextRun();
    expect(posts()).toEqual([]);

    server.behaviour.certificate = pki.goodLeaf('other.example.test');
    await nextRun();
    const alert = posts()[0];
    expect(alert).toBeDefined();
    const text = visibleText(alert.body.blocks);
    // The alert names the endpoint as senders reach it: the address, and the name it was checked as.
    expect(text).toContain(`STARTTLS alert · ${HOST} as ${NAME}`);
    expect(text).toContain(`Watch of \`${HOST}\` as \`${NAME}\``);
    expect(alert.body.text).toContain(`STARTTLS alert: ${HOST} as ${NAME}:`);
    expect(text).toContain(`does not cover ${NAME}`);
    expect(text).not.toMatch(/not trusted|not issued by a CA/);
    expect(blockKitViolations(alert.body as { blocks: unknown[] })).toEqual([]);

    // The right name again, but from a CA the watcher does not trust.
    const privateCa = pki.issueCa([...INTERMEDIATE_SUBJECT.slice(0, 2), { shortName: 'CN', value: 'Private CA' }], { selfSigned: true });
    const leaf = pki.issueLeaf({ host: NAME, issuer: privateCa });
    server.behaviour.certificate = { ...leaf, chainPem: leaf.certPem + privateCa.certPem };
    await nextRun();
    const thread = posts().filter((p) => p.body.thread_ts === slack.tsOf(alert)).map((p) => visibleText(p.body.blocks)).join('\n');
    expect(thread).toContain(`certificate on ${server.port} now covers ${NAME}`);
    expect(thread).toMatch(new RegExp(`certificate chain on ${server.port} no longer trusted: self-signed certificate in certificate chain`));
    expect(thread).toContain('not issued by a CA senders trust');
  });
});
