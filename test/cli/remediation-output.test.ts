import { run } from '../../src/cli/main';
import { closedLoopbackPort } from '../helpers/closed-port';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server';

function capture() {
  const out: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: () => undefined }, out };
}

/** The text of one finding (from its heading to the next finding). */
function findingSection(text: string, id: string): string {
  const start = text.indexOf(`  ${id}  [`);
  const next = text.slice(start + 1).search(/\n\n(CRITICAL|WARNING|INFO) {2}/);
  return next < 0 ? text.slice(start) : text.slice(start, start + 1 + next);
}

describe('starttls probe: remediation that fits what was probed (real loopback servers)', () => {
  let unknown: RunningServer;
  let refused: number;
  beforeAll(async () => {
    unknown = await startSmtpServer({ name: 'mx.example.test' });
    refused = await closedLoopbackPort();
  });
  afterAll(() => unknown.close());

  it('text: with the platform unknown the generic fix comes first and the others are labelled guesses, each command with its prompt', async () => {
    const c = capture();
    await run(['probe', '127.0.0.1', String(unknown.port), String(refused)], c.io);
    const text = c.out.join('');
    expect(text).toContain('platform unknown');
    const unreachable = findingSection(text, 'port-unreachable');
    const headings = unreachable.split('\n').filter((l) => /^ {4}(fix|if this is)/.test(l)).map((l) => l.trim());
    expect(headings).toEqual(['fix (any):', 'if this is Exchange Server (on-premises):', 'if this is Postfix:', 'if this is Exim:']);
    expect(unreachable).toContain(`      $ ss -ltnp | grep -E ':(${refused})\\b'`);
    expect(unreachable).toContain('      [EMS] PS> Get-ReceiveConnector -Server <SRV> | fl Name,Bindings,RemoteIPRanges');
    expect(unreachable).toContain(`      PS> Test-NetConnection 127.0.0.1 -Port ${refused}`);
    expect(text).not.toMatch(/25\|465\|587/);
    expect(text).not.toMatch(/\$ (\$c|Set-|Get-|Enable-|Restart-|Import-|define|listen|auth_advertise)/);
    expect(text).not.toMatch(/(-d |CN=|DNS:|-Fqdn )127\.0\.0\.1/);
    expect(text).toContain('      in /etc/mail/sendmail.mc:\n        define(`confAUTH_OPTIONS\', `A p\')');
  });

  it('JSON: the same order, guesses flagged, each command with its shell', async () => {
    const c = capture();
    await run(['probe', '127.0.0.1', String(unknown.port), String(refused), '--json'], c.io);
    const report = JSON.parse(c.out.join(''));
    expect(report.schemaVersion).toBe(2);
    const unreachable = report.findings.find((f: { id: string }) => f.id === 'port-unreachable');
    expect(unreachable.remediation.map((r: { platform: string; guess?: boolean }) => [r.platform, r.guess ?? false])).toEqual([
      ['any', false],
      ['exchange-onprem', true],
      ['postfix', true],
      ['exim', true],
    ]);
    expect(unreachable.remediation[0].commands).toEqual([
      { shell: 'sh', line: `nc -vz -w 5 127.0.0.1 ${refused}` },
      { shell: 'sh', line: `ss -ltnp | grep -E ':(${refused})\\b'` },
    ]);
    expect(unreachable.remediation[1].commands.map((x: { shell: string }) => x.shell)).toEqual(['ems', 'powershell']);
  });
});
