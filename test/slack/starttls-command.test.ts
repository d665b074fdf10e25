import { ACTION } from '../../src/slack/action-ids';
import { blockKitViolations, unsafeMarkup } from '../helpers/block-kit-limits';
import { onLines, startScriptedServer, type ScriptedServer } from '../helpers/scripted-server';
import { ASKER, CHANNEL, startTestBot, visibleText, type TestBot } from '../helpers/slack-bot';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server';

const isReport = (call: { body: Record<string, any> }) => call.body.blocks?.[0]?.type === 'header';

describe('/starttls end to end (founding case: port A lacks STARTTLS, SIZE differs)', () => {
  let noTls: RunningServer;
  let withTls: RunningServer;
  let t: TestBot;

  beforeAll(async () => {
    noTls = await startSmtpServer({ hideSTARTTLS: true, size: 62423040 });
    withTls = await startSmtpServer({ size: 20971520 });
    t = await startTestBot({ STARTTLS_ALLOWED_PORTS: `${noTls.port},${withTls.port}` });
  });
  afterAll(async () => {
    await t.stop();
    await Promise.all([noTls.close(), withTls.close()]);
  });

  it('acknowledges, shows progress per port, then replaces it with the report', async () => {
    const ack = await t.command(`127.0.0.1 ${noTls.port} ${withTls.port}`);
    expect(ack.status).toBe(200);
    expect(ack.body).toBe('');

    const progress = await t.slack.waitFor('the progress message', () => t.slack.callsOf('chat.postMessage')[0]);
    expect(progress.body.channel).toBe(CHANNEL);
    expect(visibleText(progress.body.blocks)).toContain(`Probing \`127.0.0.1\` on ports ${noTls.port}, ${withTls.port} for <@${ASKER}>`);
    expect(progress.authorization).toBe('Bearer xoxb-1111-2222-testtokensecretvalue');

    const final = await t.slack.waitFor('the report', () => t.slack.callsOf('chat.update').find(isReport));
    await t.bot.idle();
    const updates = t.slack.callsOf('chat.update');
    const perPort = updates.filter((u) => /1\/2 ports done/.test(visibleText(u.body.blocks)));
    expect(perPort).toHaveLength(1);
    expect(updates.indexOf(perPort[0])).toBeLessThan(updates.indexOf(final));
    expect(updates.map((u) => u.body.ts)).toEqual(updates.map(() => t.slack.tsOf(progress)));

    const text = visibleText(final.body.blocks);
    expect(text).toMatch(new RegExp(`port\\s+${noTls.port}\\s+${withTls.port}`));
    expect(text).toMatch(/≠ SIZE\s+62423040\s+20971520/);
    expect(text).toMatch(/≠ STARTTLS\s+–\s+✓/);
    expect(text).toContain(`*Port ${noTls.port}*`);
    expect(text).toContain('❌ STARTTLS not advertised');
    expect(text).toMatch(/✅ STARTTLS → TLSv1\.[23]/);
    expect(text).toContain('*Certificate* on port');
    expect(text).toContain(`Requested by <@${ASKER}>`);
    const actions = final.body.blocks.find((b: { type: string }) => b.type === 'actions');
    expect(actions.elements.map((e: { action_id: string }) => e.action_id)).toEqual([ACTION.rerun, ACTION.remediation, ACTION.details]);
    expect(blockKitViolations(final.body as { blocks: unknown[] })).toEqual([]);
  });
});

describe('/starttls acknowledgement does not wait for the mail server', () => {
  let slow: ScriptedServer;
  let t: TestBot;
  let greetedAt = 0;

  beforeAll(async () => {
    slow = await startScriptedServer((socket) => {
      setTimeout(() => {
        greetedAt = Date.now();
        socket.write('220 slow.example ESMTP\r\n');
      }, 2000);
      onLines(socket, (line) => (/^EHLO/i.test(line) ? '250-slow.example\r\n250 SIZE 1000\r\n' : /^QUIT/i.test(line) ? '221 bye\r\n' : '502 no\r\n'));
    });
    t = await startTestBot({ STARTTLS_ALLOWED_PORTS: String(slow.port) });
  });
  afterAll(async () => {
    await t.stop();
    await slow.close();
  });

  it('answers the slash command before a mail server that greets after 2 s has even spoken', async () => {
    const ack = await t.command(`127.0.0.1 ${slow.port}`);
    expect(ack.status).toBe(200);
    const final = await t.slack.waitFor('the report', () => t.slack.callsOf('chat.update').find(isReport));
    expect(greetedAt).toBeGreaterThan(0);
    expect(ack.at).toBeLessThan(greetedAt);
    expect(ack.at).toBeLessThan(final.at);
  });
});

describe('/starttls against a hostile server', () => {
  let hostile: ScriptedServer;
  let t: TestBot;
  const evil = '<!channel> <https://evil.example|click> ```break``` <@U999>';

  beforeAll(async () => {
    hostile = await startScriptedServer((socket) => {
      socket.write(`220 ${evil}\r\n`);
      onLines(socket, (line) =>
        /^EHLO/i.test(line) ? `250-${evil}\r\n250-X-${evil}\r\n250 SIZE ${evil}\r\n` : /^QUIT/i.test(line) ? `221 ${evil}\r\n` : `502 ${evil}\r\n`,
      );
    });
    t = await startTestBot({ STARTTLS_ALLOWED_PORTS: String(hostile.port) });
  });
  afterAll(async () => {
    await t.stop();
    await hostile.close();
  });

  it('escapes everything the server said in the report and in Details', async () => {
    await t.command(`127.0.0.1 ${hostile.port}`);
    const final = await t.slack.waitFor('the report', () => t.slack.callsOf('chat.update').find(isReport));
    await t.bot.idle();
    expect(unsafeMarkup(final.body as { blocks: unknown[] })).toEqual([]);
    expect(blockKitViolations(final.body as { blocks: unknown[] })).toEqual([]);
    expect(visibleText(final.body.blocks)).toContain('&lt;!channel&gt;');

    const value = final.body.blocks.find((b: { type: string }) => b.type === 'actions').elements[2].value;
    await t.click(ACTION.details, value, { messageTs: final.body.ts });
    const details = await t.slack.waitFor('the transcript', () => t.slack.callsOf('chat.postMessage').find((c) => /Transcripts for/.test(visibleText(c.body.blocks))));
    expect(unsafeMarkup(details.body as { blocks: unknown[] })).toEqual([]);
    expect(visibleText(details.body.blocks)).toContain('S: 220 &lt;!channel&gt;');
  });
});
