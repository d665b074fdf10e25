import { checkTarget } from '../../src/check/check-target';
import type { Checker } from '../../src/check/checker';
import { DnsClient } from '../../src/domain-check';
import { ACTION } from '../../src/slack/action-ids';
import { a, mx, startDnsServer, txt, type TestDnsServer } from '../helpers/dns-server';
import { blockKitViolations, unsafeMarkup } from '../helpers/block-kit-limits';
import { createTestPki } from '../helpers/pki';
import { ASKER, CHANNEL, startTestBot, visibleText, type TestBot } from '../helpers/slack-bot';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server';
import type { ApiCall } from '../helpers/slack-api-stand-in';

const isDomainReport = (call: ApiCall) => call.body.blocks?.[0]?.type === 'header';
const EVIL = '<!channel> <https://evil.example|click>';

/** `/starttls mx` against a loopback name server whose MX hosts are real SMTP servers on loopback. */
describe('/starttls mx <domain>', () => {
  const pki = createTestPki();
  let smtp: RunningServer;
  let dns: TestDnsServer;
  let t: TestBot;

  beforeAll(async () => {
    const mx1 = pki.goodLeaf('mx1.example.test');
    const mx2 = pki.goodLeaf('mx2.example.test');
    // One server answers for both MX names on the one port MX probes use; SNI picks each host's certificate.
    smtp = await startSmtpServer({
      key: mx1.keyPem,
      cert: mx1.chainPem,
      sniOptions: { 'mx1.example.test': { key: mx1.keyPem, cert: mx1.chainPem }, 'mx2.example.test': { key: mx2.keyPem, cert: mx2.chainPem } },
      size: 20971520,
      disabledCommands: ['AUTH'],
    });
    dns = await startDnsServer({
      records: [
        mx('example.test', 10, 'mx1.example.test'),
        mx('example.test', 20, 'mx2.example.test'),
        a('mx1.example.test'),
        a('mx2.example.test'),
        txt('_smtp._tls.example.test', `v=TLSRPTv1; rua=mailto:tls@example.test ${EVIL}`),
        mx('refused.test', 10, 'mx1.example.test'),
        mx('refused.test', 20, 'mx3.refused.test'),
        // Loopback other than 127.0.0.1 stays closed: STARTTLS_ALLOWED_TARGETS opens 127.0.0.1 only.
        a('mx3.refused.test', '127.0.0.2'),
        // The MTA-STS policy host is on loopback too: its fetch must be refused like a probe.
        txt('_mta-sts.refused.test', 'v=STSv1; id=20250101'),
        a('mta-sts.refused.test'),
      ],
    });
    const checker: Checker = (request, hooks) => checkTarget({ ...request, caPems: [pki.rootPem], timeoutMs: 10_000 }, hooks);
    t = await startTestBot({ STARTTLS_ALLOWED_PORTS: String(smtp.port), STARTTLS_RATE_LIMIT: '20/60' }, checker, {
      domainResolver: new DnsClient({ servers: [dns.address], timeoutMs: 1000, attempts: 1 }),
    });
  });
  afterAll(async () => {
    await t.stop();
    await Promise.all([smtp.close(), dns.close()]);
  });

  it('acknowledges, shows each MX host as it is checked, then the consolidated domain report', async () => {
    const ack = await t.command(`mx example.test ${smtp.port}`);
    expect(ack.status).toBe(200);
    expect(ack.body).toBe('');

    const progress = await t.slack.waitFor('the progress message', () => t.slack.callsOf('chat.postMessage')[0]);
    expect(progress.body.channel).toBe(CHANNEL);
    expect(visibleText(progress.body.blocks)).toContain(`Checking the mail hosts of \`example.test\` on port ${smtp.port} for <@${ASKER}>`);
    const final = await t.slack.waitFor('the domain report', () => t.slack.callsOf('chat.update').find(isDomainReport));
    await t.bot.idle();

    const updates = t.slack.callsOf('chat.update');
    expect(updates.map((u) => u.body.ts)).toEqual(updates.map(() => t.slack.tsOf(progress)));
    const texts = updates.map((u) => visibleText(u.body.blocks));
    const mxKnown = texts.findIndex((x) => x.includes('0/2 MX hosts done') && x.includes('*20* `mx2.example.test` · ⏳ probing…'));
    const oneDone = texts.findIndex((x) => x.includes('1/2 MX hosts done'));
    const hostsDone = texts.findIndex((x) => x.includes('all MX hosts done') && /\*10\* `mx1\.example\.test` · ✅ OK · 🔒 TLSv1\.[23]/.test(x));
    expect(mxKnown).toBeGreaterThanOrEqual(0);
    expect(oneDone).toBeGreaterThan(mxKnown);
    expect(hostsDone).toBeGreaterThan(oneDone);
    expect(updates.indexOf(final)).toBe(updates.length - 1);

    const text = visibleText(final.body.blocks);
    expect(final.body.blocks[0].text.text).toMatch(/· example\.test \(MX\)$/);
    expect(text).toContain(`\`example.test\` · 2 MX hosts · port ${smtp.port}`);
    expect(text).toMatch(/\*MX hosts by preference\*\n\*10\* `mx1\.example\.test` · ✅ OK · 🔒 STARTTLS TLSv1\.[23] · no findings\n\*20\* `mx2\.example\.test` · ✅ OK/);
    expect(text).toContain('*Across the hosts*: starttls ✓ agree · capabilities ✓ agree · certificate ≠ differ');
    expect(text).toMatch(/• certificate: mx1\.example\.test → `CN=mx1\.example\.test/);
    expect(text).toContain('*MTA-STS*: none');
    expect(text).toContain('*Domain findings*');
    expect(text).toContain('`mx-hosts-differ`');
    expect(text).toContain('`mta-sts-missing`');
    expect(text).toContain('&lt;!channel&gt;');
    const actions = final.body.blocks.find((b: { type: string }) => b.type === 'actions');
    expect(actions.elements.map((e: { action_id: string }) => e.action_id)).toEqual([ACTION.domainRemediation]);
    for (const call of [progress, ...updates]) {
      expect(blockKitViolations(call.body as { blocks: unknown[] })).toEqual([]);
      expect(unsafeMarkup(call.body as { blocks: unknown[] })).toEqual([]);
    }

    await t.click(ACTION.domainRemediation, actions.elements[0].value, { messageTs: t.slack.tsOf(progress) });
    const fix = await t.slack.waitFor('the remediation', () => t.slack.callsOf('chat.postMessage').find((c) => /Remediation for the mail domain/.test(visibleText(c.body.blocks))));
    expect(fix.body.thread_ts).toBe(t.slack.tsOf(progress));
    expect(visibleText(fix.body.blocks)).toContain('`mta-sts-missing`');
    expect(blockKitViolations(fix.body as { blocks: unknown[] })).toEqual([]);
  });

  it('checks no MX host or policy web host the target policy refuses: the host shows as not checked, the others are probed', async () => {
    await t.command(`mx refused.test ${smtp.port}`);
    const final = await t.slack.waitFor('the domain report', () => t.slack.callsOf('chat.update').filter(isDomainReport).find((c) => /refused\.test/.test(c.body.blocks[0].text.text)));
    await t.bot.idle();
    const text = visibleText(final.body.blocks);
    expect(text).toMatch(/\*10\* `mx1\.example\.test` · ✅ OK/);
    expect(text).toContain('*20* `mx3.refused.test` · ⛔ not checked: `mx3.refused.test resolves to 127.0.0.2, which is a loopback address: not probed from here`');
    expect(final.body.blocks[0].text.text).toMatch(/^❔ UNKNOWN/);
    expect(text).toMatch(/\*MTA-STS\*: STS_POLICY_FETCH_FAILED: .*mta-sts\.refused\.test resolves to 127\.0\.0\.1, which is a loopback address/);
    expect(blockKitViolations(final.body as { blocks: unknown[] })).toEqual([]);
  });

  it('answers a domain without mail hosts, and a port the policy does not allow, to the asker alone', async () => {
    const before = t.slack.callsOf('chat.postMessage').length;
    await t.command('mx nothing.test', { responseId: 'bad-port' });
    await t.command(`mx nothing.test ${smtp.port}`, { responseId: 'no-domain' });
    const badPort = await t.slack.waitFor('the port refusal', () => t.slack.responses.find((r) => r.id === 'bad-port'));
    const noDomain = await t.slack.waitFor('the NXDOMAIN answer', () => t.slack.responses.find((r) => r.id === 'no-domain'));
    await t.bot.idle();
    expect(visibleText(badPort.body.blocks)).toContain('port 25 is not allowed here');
    // The verdict word a single probe gives a name that does not exist, and no usage text: it is not bad usage.
    expect(visibleText(noDomain.body.blocks)).toBe('🔴 CRITICAL · nothing.test does not exist (NXDOMAIN): no mail can be delivered to it');
    expect(t.slack.callsOf('chat.postMessage').slice(before).map((c) => visibleText(c.body.blocks))).toEqual([expect.stringContaining('Checking the mail hosts of `nothing.test`')]);
  });
});
