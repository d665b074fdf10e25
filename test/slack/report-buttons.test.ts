import { ACTION } from '../../src/slack/action-ids';
import { encodeButtonValue } from '../../src/slack/button-value';
import { blockKitViolations, unsafeMarkup } from '../helpers/block-kit-limits';
import { startFoundingCaseServer, type ScriptedServer } from '../helpers/scripted-server';
import { ASKER, CHANNEL, startTestBot, visibleText, type TestBot } from '../helpers/slack-bot';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server';

const isReport = (call: { body: Record<string, any> }) => call.body.blocks?.[0]?.type === 'header';
const COLLEAGUE = 'U0COLLEAG1';

describe('report buttons', () => {
  let fixed: ScriptedServer;
  let withTls: RunningServer;
  let t: TestBot;
  let advertise = false;
  let parentTs = '';
  let value = '';

  beforeAll(async () => {
    // Port 25 of the founding case, which gets STARTTLS advertised between runs.
    fixed = await startFoundingCaseServer(() => advertise);
    withTls = await startSmtpServer({ size: 20971520 });
    t = await startTestBot({ STARTTLS_ALLOWED_PORTS: `${fixed.port},${withTls.port}` });
    await t.command(`127.0.0.1 ${fixed.port} ${withTls.port}`);
    const report = await t.slack.waitFor('the report', () => t.slack.callsOf('chat.update').find(isReport));
    await t.bot.idle();
    parentTs = report.body.ts;
    value = report.body.blocks.find((b: { type: string }) => b.type === 'actions').elements[0].value;
  });
  afterAll(async () => {
    await t.stop();
    await Promise.all([fixed.close(), withTls.close()]);
  });

  const threadPosts = (from: number) => t.slack.callsOf('chat.postMessage').slice(from).filter((c) => c.body.thread_ts === parentTs);

  it('Re-run probes again, says in the thread what changed and updates the parent', async () => {
    advertise = true;
    const from = t.slack.callsOf('chat.postMessage').length;
    const ack = await t.click(ACTION.rerun, value, { messageTs: parentTs, user: COLLEAGUE });
    expect(ack.status).toBe(200);
    const progress = await t.slack.waitFor('the re-run progress', () => threadPosts(from)[0]);
    expect(visibleText(progress.body.blocks)).toContain(`Re-running the check of \`127.0.0.1\``);
    const result = await t.slack.waitFor('the re-run result', () =>
      t.slack.callsOf('chat.update').find((c) => c.body.ts === t.slack.tsOf(progress) && isReport(c)),
    );
    await t.bot.idle();
    const text = visibleText(result.body.blocks);
    expect(text).toContain(`Re-run by <@${COLLEAGUE}>`);
    expect(text).toContain(`STARTTLS now advertised on ${fixed.port}`);
    expect(blockKitViolations(result.body as { blocks: unknown[] })).toEqual([]);
    const parent = t.slack.callsOf('chat.update').filter((c) => c.body.ts === parentTs).pop();
    expect(visibleText(parent?.body.blocks)).toContain(`Re-run by <@${COLLEAGUE}>`);
    expect(parent?.body.blocks.some((b: { type: string }) => b.type === 'actions')).toBe(true);
  });

  it('Show remediation posts the steps in the thread, naming who clicked', async () => {
    const from = t.slack.callsOf('chat.postMessage').length;
    await t.click(ACTION.remediation, value, { messageTs: parentTs, user: COLLEAGUE });
    const reply = await t.slack.waitFor('the remediation', () => threadPosts(from)[0]);
    await t.bot.idle();
    const text = threadPosts(from).map((c) => visibleText(c.body.blocks)).join('\n');
    expect(reply.body.channel).toBe(CHANNEL);
    expect(text).toContain(`Remediation for \`127.0.0.1\`* — requested by <@${COLLEAGUE}>`);
    expect(text).toMatch(/\n1\. \S/);
    for (const c of threadPosts(from)) expect(blockKitViolations(c.body as { blocks: unknown[] })).toEqual([]);
  });

  it('Details posts every port\'s transcript in the thread', async () => {
    const from = t.slack.callsOf('chat.postMessage').length;
    await t.click(ACTION.details, value, { messageTs: parentTs });
    await t.slack.waitFor('the transcript', () => threadPosts(from)[0]);
    await t.bot.idle();
    const text = threadPosts(from).map((c) => visibleText(c.body.blocks)).join('\n');
    expect(text).toContain(`requested by <@${ASKER}>`);
    expect(text).toContain(`*Port ${fixed.port}*`);
    expect(text).toContain(`*Port ${withTls.port}*`);
    expect(text).toMatch(/C: EHLO /);
    expect(text).toContain('S: 250-SIZE 62423040');
  });

  it('a click from inside the thread still answers in the same thread', async () => {
    const from = t.slack.callsOf('chat.postMessage').length;
    await t.click(ACTION.details, value, { messageTs: '1700000000.999999', threadTs: parentTs });
    await t.slack.waitFor('the transcript', () => threadPosts(from)[0]);
    await t.bot.idle();
  });

  it('runs a redelivered click once', async () => {
    const from = t.slack.callsOf('chat.postMessage').length;
    await t.click(ACTION.remediation, value, { messageTs: parentTs, actionTs: '1700000009.000001' });
    await t.click(ACTION.remediation, value, { messageTs: parentTs, actionTs: '1700000009.000001' });
    await t.slack.waitFor('the remediation', () => threadPosts(from)[0]);
    await t.bot.idle();
    expect(threadPosts(from).filter((c) => /Remediation for/.test(visibleText(c.body.blocks)))).toHaveLength(1);
  });

  it('checks again when the report behind a message is no longer kept', async () => {
    const before = fixed.received.length;
    const from = t.slack.callsOf('chat.postMessage').length;
    await t.click(ACTION.details, value, { messageTs: '1600000000.000001', user: COLLEAGUE });
    const reply = await t.slack.waitFor('the transcript', () => t.slack.callsOf('chat.postMessage').slice(from)[0]);
    await t.bot.idle();
    expect(reply.body.thread_ts).toBe('1600000000.000001');
    expect(fixed.received.length).toBeGreaterThan(before);
  });

  it('refuses a button whose target the policy forbids, ephemerally', async () => {
    await t.click(ACTION.rerun, encodeButtonValue({ host: '169.254.169.254', ports: [fixed.port] }), { messageTs: parentTs, responseId: 'forbidden' });
    const answer = await t.slack.waitFor('the refusal', () => t.slack.responses.find((r) => r.id === 'forbidden'));
    expect(answer.body.response_type).toBe('ephemeral');
    expect(visibleText(answer.body.blocks)).toContain('link-local');
    expect(unsafeMarkup(answer.body as { blocks: unknown[] })).toEqual([]);
  });

  it('answers a malformed button value with an ephemeral error, not a crash', async () => {
    await t.click(ACTION.details, '{"h":"<!channel>","p":[25]}', { messageTs: parentTs, responseId: 'garbage' });
    const answer = await t.slack.waitFor('the error', () => t.slack.responses.find((r) => r.id === 'garbage'));
    expect(visibleText(answer.body.blocks)).toContain('not a host name or IP address');
    expect(unsafeMarkup(answer.body as { blocks: unknown[] })).toEqual([]);
  });
});
