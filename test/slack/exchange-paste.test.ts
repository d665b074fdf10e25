import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTION } from '../../src/slack/action-ids';
import { blockKitViolations, unsafeMarkup } from '../helpers/block-kit-limits';
import { ASKER, CHANNEL, startTestBot, visibleText, type TestBot } from '../helpers/slack-bot';
import type { ApiCall } from '../helpers/slack-api-stand-in';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'exchange', name), 'utf8');
/** What Slack does to a typed message: `<I>…<S>…` arrives as `&lt;I&gt;…`. */
const slackEscaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const isReport = (call: ApiCall) => call.body.blocks?.[0]?.type === 'header';
const within = (call: ApiCall) => [...blockKitViolations(call.body as { blocks: unknown[] }), ...unsafeMarkup(call.body as { blocks: unknown[] })];

/**
 * The reference thread: port A lacks STARTTLS (SIZE 62423040), port B has it (SIZE 20971520),
 * and the pasted receive connector binds port A with Tls in its AuthMechanism.
 */
describe('Exchange configuration pasted in a report thread', () => {
  let portA: RunningServer;
  let portB: RunningServer;
  let t: TestBot;
  let reportTs = '';
  let seq = 0;
  /** The connector extract from the thread, bound to port A instead of 25. */
  let extract = '';

  const reply = (fields: Record<string, unknown>) =>
    t.event({ type: 'message', channel: CHANNEL, channel_type: 'channel', user: ASKER, ts: `1700000900.${String(++seq).padStart(6, '0')}`, thread_ts: reportTs, event_ts: `1700000900.${seq}`, ...fields });
  const threadPosts = () => t.slack.callsOf('chat.postMessage').filter((c) => c.body.thread_ts === reportTs);
  const answerAfter = (count: number, what: string) => t.slack.waitFor(what, () => threadPosts()[count]);

  beforeAll(async () => {
    portA = await startSmtpServer({ hideSTARTTLS: true, size: 62423040 });
    portB = await startSmtpServer({ size: 20971520 });
    extract = fixture('thread-receive-connector-extract.txt').replace(/:25\b/g, `:${portA.port}`);
    t = await startTestBot({ STARTTLS_ALLOWED_PORTS: `${portA.port},${portB.port}` });
    await t.command(`127.0.0.1 ${portA.port} ${portB.port}`);
    const report = await t.slack.waitFor('the report', () => t.slack.callsOf('chat.update').find(isReport));
    await t.bot.idle();
    reportTs = report.body.ts;
  });
  afterAll(async () => {
    await t.stop();
    await Promise.all([portA.close(), portB.close()]);
  });

  it('/starttls analyze tells the asker alone which read-only cmdlets to run and where to paste', async () => {
    await t.command('analyze', { responseId: 'analyze' });
    const answer = await t.slack.waitFor('the answer', () => t.slack.responses.find((r) => r.id === 'analyze'));
    expect(answer.body.response_type).toBe('ephemeral');
    const text = visibleText(answer.body.blocks);
    expect(text).toContain('as a reply in the thread of a `/starttls &lt;host&gt;` report');
    expect(text).toContain('Get-ReceiveConnector | fl Identity,TransportRole,Enabled,Bindings');
    expect(text).toContain('Get-ExchangeCertificate | fl Thumbprint');
    expect(blockKitViolations(answer.body as { blocks: unknown[] })).toEqual([]);
  });

  it("the report's remediation ends by asking for the cmdlets' output in the thread", async () => {
    const report = t.slack.callsOf('chat.update').find(isReport)!;
    const value = report.body.blocks.find((b: { type: string }) => b.type === 'actions').elements[1].value;
    const before = threadPosts().length;
    await t.click(ACTION.remediation, value, { messageTs: reportTs });
    await t.slack.waitFor('the remediation', () => threadPosts().length > before);
    await t.bot.idle();
    // The remediation may take several messages: the request comes last, its cmdlets after it.
    const text = threadPosts().slice(before).map((c) => visibleText(c.body.blocks)).join('\n');
    const ask = text.lastIndexOf('*To see the cause*, paste the output of these read-only cmdlets as a reply in this thread');
    expect(ask).toBeGreaterThan(0);
    expect(text.indexOf('[EMS] PS&gt; Get-ReceiveConnector | fl', ask)).toBeGreaterThan(ask);
    expect(text.slice(ask)).not.toMatch(/\n1\. /);
    for (const call of threadPosts().slice(before)) expect(within(call)).toEqual([]);
  });

  it('answers a pasted connector in the thread, joined with the report: STARTTLS missing on a Tls connector', async () => {
    const before = threadPosts().length;
    await reply({ text: slackEscaped(extract) });
    const answer = await answerAfter(before, 'the analysis');
    await t.bot.idle();
    const text = threadPosts().slice(before).map((c) => visibleText(c.body.blocks)).join('\n');
    expect(text).toContain('Read 1 receive connector (joined with the probe of 127.0.0.1)');
    expect(text).toContain('`starttls-missing-on-tls-connector`');
    expect(text).toContain(`Port ${portA.port} answered EHLO without STARTTLS: SIZE 62423040 (59.53 MB)`);
    expect(text).toContain('Get-WinEvent');
    expect(text).toContain('&lt;I&gt;');
    expect(answer.body.channel).toBe(CHANNEL);
    for (const call of threadPosts().slice(before)) expect(within(call)).toEqual([]);
  });

  it('answers a two-connector paste whose relay takes Exchange Online\'s ranges: critical, 451 5.7.3, the connector and its fix', async () => {
    // Bound to port 25 as pasted: the finding is about what Exchange Online reaches there, whatever was probed.
    const paste = fixture('receive-connectors-exo-relay.txt');
    const before = threadPosts().length;
    await reply({ text: slackEscaped(paste) });
    await answerAfter(before, 'the analysis of the relay connector');
    await t.bot.idle();
    const text = threadPosts().slice(before).map((c) => visibleText(c.body.blocks)).join('\n');
    expect(text).toContain('*Receive connector "SRVEX01\\Hybrid Relay SRVEX01" answers Exchange Online without STARTTLS: hybrid mail is refused with 451 5.7.3*');
    expect(text).toContain('`Exchange Online\'s hybrid mail from those addresses lands on this connector and is refused with "451 5.7.3 STARTTLS is required to send mail"');
    expect(text).toContain("Set-ReceiveConnector 'SRVEX01\\Hybrid Relay SRVEX01' -AuthMechanism Tls,ExternalAuthoritative");
    for (const call of threadPosts().slice(before)) expect(within(call)).toEqual([]);
  });

  it('downloads an uploaded text file (UTF-16, as PowerShell writes it) with the bot token and answers the same', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(extract, 'utf16le')]);
    const url = t.slack.serveFile('rc.txt', bytes);
    const before = threadPosts().length;
    await reply({ subtype: 'file_share', text: '', files: [{ id: 'F0RC', name: 'rc.txt', mimetype: 'text/plain', filetype: 'text', size: bytes.length, url_private_download: url }] });
    await answerAfter(before, 'the analysis of the file');
    await t.bot.idle();
    const text = threadPosts().slice(before).map((c) => visibleText(c.body.blocks)).join('\n');
    expect(text).toContain('`starttls-missing-on-tls-connector`');
    expect(t.slack.downloads).toEqual([{ name: 'rc.txt', authorization: 'Bearer xoxb-1111-2222-testtokensecretvalue' }]);
    for (const call of threadPosts().slice(before)) expect(within(call)).toEqual([]);
  });

  it('never sends the bot token to a file URL off Slack\'s file host', async () => {
    const asked: (string | undefined)[] = [];
    const other = createServer((req, res) => {
      asked.push(req.headers.authorization);
      res.end(extract);
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    try {
      const before = threadPosts().length;
      const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}/files/rc.txt`;
      await reply({ subtype: 'file_share', text: '', files: [{ id: 'F0ELSE', name: 'rc.txt', mimetype: 'text/plain', filetype: 'text', size: 100, url_private_download: url }] });
      const answer = await answerAfter(before, 'the refusal');
      await t.bot.idle();
      expect(visibleText(answer.body.blocks)).toContain("could not download rc.txt: the file is not on Slack's file host");
      expect(asked).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  it('says "nothing recognised" with the cmdlets to run for a megabyte of junk', async () => {
    const junk = randomBytes(768 * 1024).toString('base64').replace(/(.{76})/g, '$1\n').concat('\n<!channel> <https://evil.example|x> Key : value\n');
    const url = t.slack.serveFile('junk.txt', Buffer.from(junk));
    const before = threadPosts().length;
    await reply({ subtype: 'file_share', text: '', files: [{ id: 'F0JUNK', name: 'junk.txt', mimetype: 'text/plain', filetype: 'text', size: junk.length, url_private_download: url }] });
    await answerAfter(before, 'the answer to the junk');
    await t.bot.idle();
    const posts = threadPosts().slice(before);
    const text = posts.map((c) => visibleText(c.body.blocks)).join('\n');
    expect(text).toContain('Nothing recognised: paste the Format-List output');
    expect(text).toContain('Get-ReceiveConnector | fl');
    for (const call of posts) expect(within(call)).toEqual([]);
  });

  it('stays silent for ordinary chat in the thread, its own messages and edits', async () => {
    const before = threadPosts().length;
    const ignored = () => t.logs.filter((l) => l.includes('thread reply is not a paste')).length;
    const seen = ignored();
    await reply({ user: 'UBOTUSER1', bot_id: 'BBOT00001', text: slackEscaped(extract) });
    await reply({ subtype: 'message_changed', text: slackEscaped(extract) });
    await reply({ text: 'Note: we renewed the cert last week :smile: any idea why 25 has no STARTTLS?' });
    await t.slack.waitFor('the chat to be passed over', () => ignored() > seen);
    await t.bot.idle();
    expect(threadPosts().length).toBe(before);
  });

  it('stays silent in threads that are not under a report', async () => {
    const before = t.slack.callsOf('chat.postMessage').length;
    await t.event({ type: 'message', channel: CHANNEL, channel_type: 'channel', user: ASKER, ts: '1700000999.000001', thread_ts: '1600000000.000001', text: slackEscaped(extract) });
    await t.slack.waitFor('the reply to be passed over', () => t.logs.some((l) => l.includes('thread reply not under a report')));
    await t.bot.idle();
    expect(t.slack.callsOf('chat.postMessage').length).toBe(before);
  });
});
