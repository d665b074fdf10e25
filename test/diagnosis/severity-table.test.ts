import { readFileSync } from 'node:fs';
import path from 'node:path';
import { diagnose } from '../../src/diagnosis/diagnose';
import { gradeFindings, SEVERITY_TABLE, severityOf, type SenderRequirement } from '../../src/diagnosis/sender-impact';
import { FINDING_IDS, type Finding, type FindingId, type Severity } from '../../src/diagnosis/types';
import { certificateReport } from '../fixtures/transcripts/certificates';
import { referenceThreadPort25, referenceThreadPort587 } from '../fixtures/transcripts/exchange';
import { diagnosisInput } from '../fixtures/transcripts/input';

/** The severity table of docs/findings.md, row by row: finding id, the three port roles, who fails. */
function documentedTable(): Map<string, { mx: string; submission: string; other: string; who: string }> {
  const doc = readFileSync(path.join(__dirname, '../../docs/findings.md'), 'utf8');
  const section = doc.slice(doc.indexOf("## Severity from the sender's side"));
  const rows = section.split('\n').filter((line) => /^\| `[a-z-]+` \|/.test(line));
  return new Map(
    rows.map((line) => {
      const [id, mx, submission, other] = line.split(' | ').map((cell) => cell.replace(/^\| |`| \|$/g, '').trim());
      return [id, { mx, submission, other, who: line.split(' | ')[4] }];
    }),
  );
}

const REQUIRED: SenderRequirement[] = [{ kind: 'mta-sts-enforce', domain: 'contoso.test' }];
const PORT = { mx: 25, submission: 587, other: 2526 } as const;

/** What a documented cell promises: the severity without and with a known requirement; undefined: the rule decides. */
function promised(cell: string): [Severity, Severity] | undefined {
  if (cell === 'critical if required, else warning') return ['warning', 'critical'];
  if (cell.endsWith('(the rule)')) return undefined;
  if (cell === 'critical' || cell === 'warning' || cell === 'info') return [cell, cell];
  throw new Error(`unknown severity cell: ${cell}`);
}

describe('the severity table in docs/findings.md', () => {
  const table = documentedTable();

  it('has one row per finding id, in the order of FINDING_IDS', () => {
    expect([...table.keys()]).toEqual([...FINDING_IDS]);
  });

  it.each([...FINDING_IDS])('%s: the documented severity per port role is the one the code gives', (id) => {
    const row = table.get(id)!;
    for (const role of ['mx', 'submission', 'other'] as const) {
      const expected = promised(row[role]);
      const at = (requirements: SenderRequirement[]) => severityOf({ id, ports: [PORT[role]], severity: 'info' }, { platform: 'unknown', requirements });
      if (expected === undefined) {
        expect(SEVERITY_TABLE[id][role]).toBe('rule');
        continue;
      }
      expect({ role, without: at([]), with: at(REQUIRED) }).toEqual({ role, without: expected[0], with: expected[1] });
    }
  });

  it.each([...FINDING_IDS])('%s: every NDR code the table names is in the finding\'s impact', (id) => {
    const codes = table.get(id)!.who.match(/`[^`]*\d\.\d\.\d+[^`]*`/g) ?? [];
    const [graded] = gradeFindings([finding(id, [25, 587])], { platform: 'unknown', requirements: [] });
    expect(graded.impact).toBeDefined();
    for (const code of codes) expect(graded.impact).toContain(code);
  });
});

function finding(id: FindingId, ports: number[]): Finding {
  return { id, severity: 'info', ports, title: id, evidence: ['x'], remediation: [] };
}

describe('severity from the sender\'s side, through diagnose', () => {
  const untrusted = certificateReport({ trusted: false, trustError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', trustReason: 'unable to get local issuer certificate (openssl verify error 20)' });
  const probe = (port: number) => ({ ...referenceThreadPort587(), port });
  const certFinding = (port: number, requirements: SenderRequirement[] = []) => {
    const input = diagnosisInput([[probe(port), untrusted]]);
    input.options.requirements = requirements;
    return diagnose(input).findings.find((f) => f.id === 'cert-untrusted')!;
  };

  it('an untrusted certificate on port 25 with nothing known: a warning that says only validating senders fail', () => {
    const f = certFinding(25);
    expect(f.severity).toBe('warning');
    expect(f.impact).toMatch(/^Only senders that validate the certificate refuse it: Exchange Online .* `450 4.7.320 Certificate validation failed`/);
    expect(f.impact).toContain('Opportunistic senders, most of the internet, still deliver over TLS.');
  });

  it('the same on port 25 with --servername given: critical, and the finding says why', () => {
    const f = certFinding(25, [{ kind: 'servername', name: 'mail.contoso.test' }]);
    expect(f.severity).toBe('critical');
    expect(f.impact).toMatch(/^Required here: senders connect as mail\.contoso\.test \(--servername\)/);
  });

  it('the same on a submission port: critical, mail clients refuse it', () => {
    const f = certFinding(587);
    expect(f.severity).toBe('critical');
    expect(f.impact).toBe('Mail clients (Outlook, Thunderbird, phones) refuse the certificate on submission ports, so users cannot send.');
  });

  it('missing STARTTLS stays critical on port 25 whatever is known, naming 451 5.7.3', () => {
    const input = diagnosisInput([referenceThreadPort25()]);
    const f = diagnose(input).findings.find((x) => x.id === 'starttls-not-advertised');
    expect(f?.severity).toBe('critical');
    expect(f?.impact).toContain('451 5.7.3 STARTTLS is required to send mail');
  });
});
