import { capabilitiesDiffer, compareCapabilities } from '../../../src/diagnosis/rules/capabilities-differ';
import { lines } from '../../helpers/commands';
import { probeFromTranscript } from '../../fixtures/transcripts/builder';
import { referenceThreadPort25, referenceThreadPort587 } from '../../fixtures/transcripts/exchange';
import { greeting421 } from '../../fixtures/transcripts/failures';
import { diagnosisInput } from '../../fixtures/transcripts/input';
import { postfixDebian } from '../../fixtures/transcripts/mtas';

describe('capabilities-differ', () => {
  it('compares keyword presence and parameters per port', () => {
    const diffs = compareCapabilities([referenceThreadPort25(), referenceThreadPort587()]);
    expect(diffs).toEqual(
      expect.arrayContaining([
        { keyword: 'SIZE', presentOn: [25, 587], missingOn: [], values: [{ params: '62423040', ports: [25] }, { params: '20971520', ports: [587] }] },
        { keyword: 'STARTTLS', presentOn: [587], missingOn: [25], values: [] },
        { keyword: 'AUTH', presentOn: [587], missingOn: [25], values: [] },
      ]),
    );
    expect(diffs).toHaveLength(3);
  });

  it('is a warning when STARTTLS differs, with Exchange MaxMessageSize steps', () => {
    const [finding] = capabilitiesDiffer(diagnosisInput([referenceThreadPort587(), referenceThreadPort25()]));
    expect(finding).toMatchObject({ id: 'capabilities-differ', severity: 'warning', ports: [25, 587] });
    expect(finding.evidence[0]).toBe('STARTTLS: offered on port 587; missing on port 25');
    expect(finding.remediation[0].steps[0]).toContain('port 25: 59.53 MB (62,423,040 bytes); port 587: 20 MB (20,971,520 bytes)');
  });

  it('is info when only AUTH and SIZE differ (submission by design)', () => {
    const submission = probeFromTranscript({
      host: 'debian',
      port: 587,
      transcript: `
        220 debian ESMTP Postfix (Debian/GNU)
        250-debian
        250-PIPELINING
        250-SIZE 52428800
        250-VRFY
        250-ETRN
        250-STARTTLS
        250-AUTH PLAIN LOGIN
        250-ENHANCEDSTATUSCODES
        250-8BITMIME
        250-DSN
        250-SMTPUTF8
        250 CHUNKING
      `,
    });
    const [finding] = capabilitiesDiffer(diagnosisInput([postfixDebian(25), submission]));
    expect(finding.severity).toBe('info');
    expect(finding.title).toBe('Ports 25 and 587 advertise different capabilities');
    expect(finding.evidence).toContain('SIZE: 10240000 (9.77 MB) on port 25 vs 52428800 (50 MB) on port 587');
    expect(lines(finding.remediation[0])).toEqual(['postconf -P', 'postconf -n']);
  });

  it('ignores AUTH mechanism order and keyword case', () => {
    const a = probeFromTranscript({ port: 25, transcript: '220 x\n250-x\n250-AUTH PLAIN LOGIN\n250 STARTTLS' });
    const b = probeFromTranscript({ port: 587, transcript: '220 x\n250-x\n250-auth login plain\n250 starttls' });
    expect(capabilitiesDiffer(diagnosisInput([a, b]))).toEqual([]);
  });

  it('needs two ports that answered EHLO', () => {
    expect(capabilitiesDiffer(diagnosisInput([referenceThreadPort25(), greeting421(587)]))).toEqual([]);
  });
});
