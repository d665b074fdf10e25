import { ACTION } from '../../src/slack/action-ids';
import { parseCommandText } from '../../src/slack/command-text';
import { TargetError } from '../../src/check/parse-target';
import { startTestBot, visibleText, type TestBot } from '../helpers/slack-bot';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server';

const isReport = (call: { body: Record<string, any> }) => call.body.blocks?.[0]?.type === 'header';

describe('/starttls target forms (parseCommandText)', () => {
  it.each([
    ['mail.contoso.test:2525', { kind: 'check', host: 'mail.contoso.test', ports: [2525] }],
    ['[::1]:2525 587', { kind: 'check', host: '::1', ports: [2525, 587] }],
    ['smtp://mail.contoso.test:587', { kind: 'check', host: 'mail.contoso.test', ports: [587] }],
    ['smtps://mail.contoso.test:2465', { kind: 'check', host: 'mail.contoso.test', ports: [2465], implicitTls: true }],
    ['mail.contoso.test 25,587', { kind: 'check', host: 'mail.contoso.test', ports: [25, 587] }],
    ['mx contoso.test:587', { kind: 'mx', domain: 'contoso.test', port: 587 }],
  ])('reads %j', (text, input) => {
    expect(parseCommandText(text)).toEqual(input);
  });

  it.each([
    ['mail.contoso.test:70000', 'not a port number (1-65535): "70000"'],
    ['mail.contoso.test:', 'no port after the colon'],
    ['https://mail.contoso.test', 'use host, host:port, smtp://host:port or smtps://host:port'],
    ['mx smtps://contoso.test', 'probes MX hosts with STARTTLS'],
  ])('refuses %j', (text, message) => {
    expect(() => parseCommandText(text)).toThrow(TargetError);
    expect(() => parseCommandText(text)).toThrow(message);
  });
});

describe('/starttls with host:port and smtps:// end to end', () => {
  let plain: RunningServer;
  let implicit: RunningServer;
  let t: TestBot;

  beforeAll(async () => {
    plain = await startSmtpServer({ size: 20971520 });
    implicit = await startSmtpServer({ secure: true, size: 10485760 });
    t = await startTestBot({ STARTTLS_ALLOWED_PORTS: `${plain.port},${implicit.port}` });
  });
  afterAll(async () => {
    await t.stop();
    await Promise.all([plain.close(), implicit.close()]);
  });

  async function reportFor(text: string) {
    const before = t.slack.callsOf('chat.update').length;
    await t.command(text);
    const final = await t.slack.waitFor(`the report for ${text}`, () => t.slack.callsOf('chat.update').slice(before).find(isReport));
    await t.bot.idle();
    return final;
  }

  it('probes 127.0.0.1:PORT with STARTTLS', async () => {
    const final = await reportFor(`127.0.0.1:${plain.port}`);
    const text = visibleText(final.body.blocks);
    expect(text).toContain(`*Port ${plain.port}*`);
    expect(text).toMatch(/✅ STARTTLS → TLSv1\.[23]/);
  });

  it('probes smtps://127.0.0.1:PORT with implicit TLS, and Re-run keeps it', async () => {
    const final = await reportFor(`smtps://127.0.0.1:${implicit.port}`);
    expect(visibleText(final.body.blocks)).toContain(`*Port ${implicit.port}* · implicit TLS`);
    expect(visibleText(final.body.blocks)).toMatch(/🔒 TLS TLSv1\.[23]/);
    expect(visibleText(final.body.blocks)).toContain(`*Certificate* on port ${implicit.port}`);
    const value = final.body.blocks.find((b: { type: string }) => b.type === 'actions').elements[0].value;
    expect(JSON.parse(value)).toEqual({ h: '127.0.0.1', p: [implicit.port], t: 1 });

    const before = t.slack.callsOf('chat.update').length;
    await t.click(ACTION.rerun, value, { messageTs: final.body.ts });
    const rerun = await t.slack.waitFor('the re-run report', () => t.slack.callsOf('chat.update').slice(before).find((c) => c.body.ts === final.body.ts && isReport(c)));
    await t.bot.idle();
    expect(visibleText(rerun.body.blocks)).toContain(`*Certificate* on port ${implicit.port}`);
  });
});
