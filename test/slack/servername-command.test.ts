import { checkTarget } from '../../src/check/check-target';
import type { CheckRequest } from '../../src/check/check-request';
import { ACTION } from '../../src/slack/action-ids';
import { blockKitViolations } from '../helpers/block-kit-limits';
import { createTestPki } from '../helpers/pki';
import { ASKER, startTestBot, visibleText, type TestBot } from '../helpers/slack-bot';
import { startStartTlsServer, type StartTlsServer } from '../helpers/starttls-server';

const isReport = (call: { body: Record<string, any> }) => call.body.blocks?.[0]?.type === 'header';

/**
 * `/starttls <address> <port> --servername NAME` against an SNI-aware server: mx.example.test has
 * its own certificate, every other name the default one (default.example.test). The bot trusts the
 * test CA (its checker adds the root, as --ca would), so a trusted chain with a wrong name can be told
 * apart from a wrong chain, in the Slack report itself.
 */
describe('/starttls with --servername: trust and identity reported apart', () => {
  const pki = createTestPki();
  let server: StartTlsServer;
  let t: TestBot;
  const requests: CheckRequest[] = [];

  beforeAll(async () => {
    const mx = pki.goodLeaf('mx.example.test');
    const fallback = pki.goodLeaf('default.example.test');
    server = await startStartTlsServer({
      tls: { key: fallback.keyPem, cert: fallback.chainPem },
      sni: { 'mx.example.test': { key: mx.keyPem, cert: mx.chainPem } },
    });
    t = await startTestBot({ STARTTLS_ALLOWED_PORTS: String(server.port) }, (request, hooks) => {
      requests.push(request);
      return checkTarget({ ...request, caPems: [pki.rootPem] }, hooks);
    });
  });
  afterAll(async () => {
    await t.stop();
    await server.close();
  });

  async function reportFor(text: string) {
    const from = t.slack.callsOf('chat.update').length;
    expect((await t.command(text)).status).toBe(200);
    const final = await t.slack.waitFor('the report', () => t.slack.callsOf('chat.update').slice(from).find(isReport));
    await t.bot.idle();
    return final;
  }

  it('a name the certificate does not cover: identity ❌, chain trust ✅, and only cert-name-mismatch', async () => {
    const final = await reportFor(`127.0.0.1 ${server.port} --servername mail.example.test`);
    expect(requests.at(-1)).toMatchObject({ host: '127.0.0.1', servername: 'mail.example.test' });
    expect(server.servernames.at(-1)).toBe('mail.example.test');
    const text = visibleText(final.body.blocks);
    expect(text).toContain('Identity: `mail.example.test` ❌ not covered');
    expect(text).toContain('Chain trust: ✅ trusted');
    expect(text).toContain('does not cover mail.example.test');
    // --servername says which name senders check: the mismatch is a refusal, and the report says by whom.
    expect(text).toMatch(/🔴 CRITICAL/);
    expect(text).toContain('_Who fails:_ Required here: senders connect as mail.example.test (--servername) and check the certificate against it.');
    expect(text).toContain('`450 4.7.320 Certificate validation failed [Message=SubjectMismatch]`');
    expect(text).not.toContain('not trusted');
    expect(text).not.toContain('not issued by a CA senders trust');
    expect(blockKitViolations(final.body as { blocks: unknown[] })).toEqual([]);
  });

  it('Re-run asks for the same name again', async () => {
    const final = await reportFor(`127.0.0.1 ${server.port} --servername mx.example.test`);
    expect(visibleText(final.body.blocks)).toContain('Identity: `mx.example.test` ✅ covered');
    const value = final.body.blocks.find((b: { type: string }) => b.type === 'actions').elements[0].value;
    const before = requests.length;
    await t.click(ACTION.rerun, value, { messageTs: final.body.ts, user: ASKER });
    await t.slack.waitFor('the re-run', () => requests[before]);
    await t.bot.idle();
    expect(requests[before]).toMatchObject({ host: '127.0.0.1', servername: 'mx.example.test' });
  });

  it('the Probing… message, and Re-run\'s in the thread, name the servername beside the address', async () => {
    // Another person: the rate limit (5 a minute) is the asker's, whom the other tests use.
    const user = 'U0NAMED01';
    const from = t.slack.callsOf('chat.postMessage').length;
    const updates = t.slack.callsOf('chat.update').length;
    expect((await t.command(`127.0.0.1 ${server.port} --servername mx.example.test`, { user })).status).toBe(200);
    const final = await t.slack.waitFor('the report', () => t.slack.callsOf('chat.update').slice(updates).find(isReport));
    await t.bot.idle();
    const progress = t.slack.callsOf('chat.postMessage').slice(from);
    expect(visibleText(progress[0].body.blocks)).toContain(`Probing \`127.0.0.1\` as \`mx.example.test\` on ports ${server.port} for <@${user}>`);
    const value = final.body.blocks.find((b: { type: string }) => b.type === 'actions').elements[0].value;
    await t.click(ACTION.rerun, value, { messageTs: final.body.ts, user });
    const rerun = await t.slack.waitFor('the re-run progress', () => t.slack.callsOf('chat.postMessage').slice(from + 1).find((c) => c.body.thread_ts === final.body.ts));
    await t.bot.idle();
    expect(visibleText(rerun.body.blocks)).toContain('Re-running the check of `127.0.0.1` as `mx.example.test`');
  });

  it('by address without --servername: no name verdict, the report says how to check one', async () => {
    const final = await reportFor(`127.0.0.1 ${server.port}`);
    expect(server.servernames.at(-1)).toBeUndefined();
    const text = visibleText(final.body.blocks);
    expect(text).toContain('Identity: not checked: probed by address (add --servername NAME)');
    expect(text).toContain('Chain trust: ✅ trusted');
    expect(text).not.toContain('does not cover');
  });

  it('refuses an address as the servername, privately', async () => {
    expect((await t.command(`127.0.0.1 ${server.port} --servername 192.0.2.1`, { responseId: 'bad-sni' })).status).toBe(200);
    const answer = await t.slack.waitFor('the refusal', () => t.slack.responses.find((r) => r.id === 'bad-sni'));
    expect(JSON.stringify(answer)).toContain('--servername takes the host name senders use, not an address');
  });
});
