import { commandLines } from '../../../src/fix-commands/command';
import { portUnreachable } from '../../../src/diagnosis/rules/port-unreachable';
import type { Finding } from '../../../src/diagnosis/types';
import { everyFinding } from '../../fixtures/transcripts/every-finding';
import * as failures from '../../fixtures/transcripts/failures';
import { diagnosisInput } from '../../fixtures/transcripts/input';
import { postfixDebian } from '../../fixtures/transcripts/mtas';

/** Every command every finding carries, as shown (prompt included). */
function shown(findings: Finding[]): string[] {
  return findings.flatMap((f) => f.remediation.flatMap((r) => commandLines(r.commands)));
}

describe('commands use only values that make sense for what was probed', () => {
  for (const address of ['192.0.2.25', '2001:db8::25']) {
    describe(`an IP-literal target (${address})`, () => {
      const commands = shown(everyFinding(address));
      const escaped = address.replace(/[.]/g, '\\.');

      it('never asks for a certificate, a connector Fqdn, a pki name or an SNI name for the address', () => {
        expect(commands.length).toBeGreaterThan(40);
        const nonsense = new RegExp(`(-d |CN=|DNS:|-DomainName '|-Fqdn |-servername |pki |live/)${escaped}\\b`);
        expect(commands.filter((c) => nonsense.test(c))).toEqual([]);
      });

      it('puts the name senders use as a placeholder where a name is needed', () => {
        expect(commands.some((c) => c.includes("-subj '/CN=<mx-host-name>' -addext 'subjectAltName=DNS:<mx-host-name>'"))).toBe(true);
      });

      it('still connects to the address itself', () => {
        expect(commands.some((c) => c.startsWith('$ openssl s_client -connect ') && c.includes(address) && !c.includes('-servername'))).toBe(true);
      });
    });
  }

  describe('odd ports', () => {
    const shift = (p: number) => p + 10_000;
    const commands = shown(everyFinding('mail.contoso.test', shift));

    it('name the ports probed, never the usual 25, 465 and 587 instead', () => {
      expect(commands.filter((c) => /25\|465\|587/.test(c))).toEqual([]);
      expect(commands.filter((c) => /-connect \S+:(25|465|587)\b/.test(c))).toEqual([]);
      expect(commands.filter((c) => /Default Frontend|Client Frontend/.test(c))).toEqual([]);
      expect(commands.some((c) => c.includes('<connector bound to port 10025>'))).toBe(true);
    });
  });

  it('a refused port 2599 gets ss, nc and postconf for port 2599', () => {
    const [finding] = portUnreachable(diagnosisInput([failures.connectRefused(2599)], { host: 'mx.example.org' }));
    const lines = commandLines(finding.remediation.flatMap((r) => r.commands));
    expect(lines).toContain("$ ss -ltnp | grep -E ':(2599)\\b'");
    expect(lines).toContain('$ nc -vz -w 5 mx.example.org 2599');
    expect(lines.join('\n')).not.toMatch(/\b(465|587)\b|:\(25\|/);
  });

  it('a refused port on a Postfix host asks master.cf about that port', () => {
    const [finding] = portUnreachable(diagnosisInput([postfixDebian(25), failures.connectRefused(2599)], { host: 'mx.example.org' }));
    expect(finding.remediation.map((r) => r.platform)).toEqual(['postfix', 'any']);
    expect(commandLines(finding.remediation[0].commands)).toEqual([
      "$ postconf -M | grep -E '^(\\S+:)?(2599)\\s'",
      '$ postconf inet_interfaces',
    ]);
  });
});
