import { ACTION } from '../../src/slack/action-ids';
import { blockKitViolations } from '../helpers/block-kit-limits';
import { closedLoopbackPort } from '../helpers/closed-port';
import { onLines, startScriptedServer, type ScriptedServer } from '../helpers/scripted-server';
import { ASKER, startTestBot, visibleText, type TestBot } from '../helpers/slack-bot';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server';

const isReport = (call: { body: Record<string, any> }) => call.body.blocks?.[0]?.type === 'header';

/** Everything the bot said in a report's thread since `from`, as text (code blocks included). */
function thread(t: TestBot, parentTs: string, from: number): string {
  return t.slack
    .callsOf('chat.postMessage')
    .slice(from)
    .filter((c) => c.body.thread_ts === parentTs)
    .map((c) => visibleText(c.body.blocks))
    .join('\n');
}

describe('Slack: remediation that fits the platform', () => {
  let unknown: RunningServer;
  let postfix: ScriptedServer;
  let refused: number;
  let t: TestBot;

  beforeAll(async () => {
    unknown = await startSmtpServer({ name: 'mx.example.test' });
    postfix = await startScriptedServer((socket) => {
      socket.write('220 mx.example.test ESMTP Postfix (Debian/GNU)\r\n');
      onLines(socket, (line) => (/^EHLO/i.test(line) ? '250-mx.example.test\r\n250-SIZE 10240000\r\n250 8BITMIME\r\n' : /^QUIT/i.test(line) ? '221 2.0.0 Bye\r\n' : '502 5.5.2 Error\r\n'));
    });
    refused = await closedLoopbackPort();
    t = await startTestBot({ STARTTLS_ALLOWED_PORTS: `${unknown.port},${postfix.port},${refused}` });
  });
  afterAll(async () => {
    await t.stop();
    await Promise.all([unknown.close(), postfix.close()]);
  });

  async function report(ports: number[]): Promise<{ parentTs: string; value: string; text: string }> {
    const before = t.slack.callsOf('chat.update').length;
    await t.command(`127.0.0.1 ${ports.join(' ')}`);
    const posted = await t.slack.waitFor('the report', () => t.slack.callsOf('chat.update').slice(before).find(isReport));
    await t.bot.idle();
    const value = posted.body.blocks.find((b: { type: string }) => b.type === 'actions').elements[0].value;
    return { parentTs: posted.body.ts, value, text: visibleText(posted.body.blocks) };
  }

  async function remediation(r: { parentTs: string; value: string }): Promise<string> {
    const from = t.slack.callsOf('chat.postMessage').length;
    await t.click(ACTION.remediation, r.value, { messageTs: r.parentTs, user: ASKER });
    await t.slack.waitFor('the remediation', () => t.slack.callsOf('chat.postMessage').slice(from).find((c) => c.body.thread_ts === r.parentTs));
    await t.bot.idle();
    for (const c of t.slack.callsOf('chat.postMessage').slice(from)) expect(blockKitViolations(c.body as { blocks: unknown[] })).toEqual([]);
    return thread(t, r.parentTs, from);
  }

  it('platform unknown: the report shows the generic fix only; Show remediation gives it first, then the labelled guesses', async () => {
    const r = await report([unknown.port, refused]);
    expect(r.text).toContain('🛠 Check on the server that the mail service listens on port');
    expect(r.text).not.toMatch(/If this is|Exchange Server|Postfix/);

    const text = await remediation(r);
    const unreachable = text.slice(text.indexOf(`Port ${refused} refused the connection`));
    const order = ['_Any platform_', '_If this is Exchange Server (on-premises)_', '_If this is Postfix_', '_If this is Exim_'].map((l) => unreachable.indexOf(l));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(unreachable).toContain(`$ ss -ltnp | grep -E ':(${refused})\\b'`);
    expect(unreachable).toContain(`$ nc -vz -w 5 127.0.0.1 ${refused}`);
    expect(unreachable).toContain('[EMS] PS&gt; Get-ReceiveConnector -Server &lt;SRV&gt; | fl Name,Bindings,RemoteIPRanges');
    expect(unreachable).toContain(`PS&gt; Test-NetConnection 127.0.0.1 -Port ${refused}`);
    expect(text).not.toMatch(/25\|465\|587/);
    expect(text).not.toMatch(/\$ (\$c|Set-|Get-|Enable-|Restart-)/);
    expect(text).not.toContain('-d 127.0.0.1');
    expect(text).toContain('$ certbot certonly --standalone -d &lt;mx-host-name&gt;');
  });

  it('platform recognised (Postfix): its own fix, then the generic one, and no guesses', async () => {
    const r = await report([postfix.port, refused]);
    expect(r.text).toContain('🛠 Postfix: Check that master.cf has a service listening on port');
    const text = await remediation(r);
    expect(text.indexOf('_Postfix_')).toBeGreaterThan(0);
    expect(text.indexOf('_Any platform_')).toBeGreaterThan(text.indexOf('_Postfix_'));
    expect(text).toContain(`$ postconf -M | grep -E '^(\\S+:)?(${refused})\\s'`);
    expect(text).not.toMatch(/If this is|PS&gt;/);
  });
});
