import { mtaStsCoverage, mtaStsFindings } from '../../../src/domain-check/mta-sts/mta-sts-findings';
import type { MtaStsResult, StsMode } from '../../../src/domain-check/types';
import type { MxHost } from '../../../src/net/dns/domain-resolver';
import { createTestPki } from '../../helpers/pki';
import { outcome } from '../helpers/host-reports';

const MX: MxHost[] = [
  { exchange: 'mx1.example.test', priority: 10 },
  { exchange: 'mx2.example.test', priority: 20 },
];

function result(mode: StsMode | undefined, mx: string[] = ['mx1.example.test', 'mx2.example.test']): MtaStsResult {
  return {
    recordName: '_mta-sts.example.test',
    recordTexts: mode ? ['v=STSv1; id=1'] : [],
    ...(mode ? { record: { id: '1', extensions: [] }, policy: { mode, maxAge: 86400, mx, extensions: [] } } : {}),
    policyUrl: 'https://mta-sts.example.test/.well-known/mta-sts.txt',
    coverage: [],
  };
}

const good = [outcome('mx1.example.test', 10), outcome('mx2.example.test', 20)];

describe('mtaStsFindings', () => {
  it('mta-sts-missing (info) suggests a policy listing the real MX hosts', () => {
    const [f, ...rest] = mtaStsFindings('example.test', result(undefined), MX, good);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ id: 'mta-sts-missing', severity: 'info', hosts: [] });
    expect(f.evidence).toEqual(['no TXT record starting v=STSv1 at _mta-sts.example.test']);
    expect(f.remediation[0].steps).toEqual(expect.arrayContaining(['  mx: mx1.example.test', '  mx: mx2.example.test', '  mode: testing']));
  });

  it('mta-sts-invalid (warning) carries the problem code and the record', () => {
    const r: MtaStsResult = { ...result('enforce'), policy: undefined, problem: { code: 'STS_POLICY_REDIRECT', message: 'answered 301' } };
    const findings = mtaStsFindings('example.test', r, MX, good);
    expect(findings.map((f) => [f.id, f.severity])).toEqual([['mta-sts-invalid', 'warning']]);
    expect(findings[0].title).toBe('The MTA-STS policy URL redirects (senders refuse redirects): senders treat example.test as having no usable MTA-STS policy');
    expect(findings[0].evidence).toEqual(['STS_POLICY_REDIRECT: answered 301', 'TXT _mta-sts.example.test: "v=STSv1; id=1"']);
  });

  it('nothing for a valid enforce policy covering every MX with good certificates', () => {
    expect(mtaStsFindings('example.test', result('enforce', ['*.example.test']), MX, good)).toEqual([]);
  });

  it('mta-sts-mx-mismatch is critical in enforce mode and names the uncovered hosts', () => {
    const findings = mtaStsFindings('example.test', result('enforce', ['mx1.example.test']), MX, good);
    expect(findings.map((f) => [f.id, f.severity, f.hosts])).toEqual([['mta-sts-mx-mismatch', 'critical', ['mx2.example.test']]]);
    expect(findings[0].evidence).toEqual(['MX mx2.example.test matches no mx pattern of the policy', 'policy mx patterns: mx1.example.test']);
    expect(findings[0].remediation[0].steps[0]).toContain('mx: mx2.example.test');
  });

  it('testing mode adds mta-sts-testing (info) and downgrades the mismatch to a warning', () => {
    const findings = mtaStsFindings('example.test', result('testing', ['mx1.example.test']), MX, good);
    expect(findings.map((f) => [f.id, f.severity])).toEqual([
      ['mta-sts-testing', 'info'],
      ['mta-sts-mx-mismatch', 'warning'],
    ]);
  });

  it('mode none checks nothing further', () => {
    expect(mtaStsFindings('example.test', result('none', ['other.test']), MX, good)).toEqual([]);
  });

  it('mta-sts-cert-mismatch names hosts whose certificate would fail validation, and why', () => {
    const pki = createTestPki();
    const outcomes = [
      outcome('mx1.example.test', 10, { leaf: pki.wrongNameLeaf() }),
      outcome('mx2.example.test', 20, { chain: 'leaf-only' }),
      outcome('mx3.example.test', 30, { starttls: 'not-advertised' }),
    ];
    const mx = [...MX, { exchange: 'mx3.example.test', priority: 30 }];
    const findings = mtaStsFindings('example.test', result('enforce', ['*.example.test']), mx, outcomes);
    expect(findings.map((f) => [f.id, f.severity, f.hosts])).toEqual([
      ['mta-sts-cert-mismatch', 'critical', ['mx1.example.test', 'mx2.example.test', 'mx3.example.test']],
    ]);
    expect(findings[0].evidence.slice(0, 3)).toEqual([
      'mx1.example.test: certificate names other.example.test do not include mx1.example.test',
      'mx2.example.test: certificate not trusted: unable to verify the first certificate (openssl verify error 21)',
      'mx3.example.test: no TLS on port 25 (STARTTLS not advertised), so no certificate to validate',
    ]);
  });

  it('computes coverage per MX host', () => {
    expect(mtaStsCoverage({ mode: 'enforce', maxAge: 1, mx: ['*.example.test'], extensions: [] }, [...MX, { exchange: 'mail.other.test', priority: 5 }])).toEqual([
      { host: 'mx1.example.test', pattern: '*.example.test' },
      { host: 'mx2.example.test', pattern: '*.example.test' },
      { host: 'mail.other.test' },
    ]);
  });
});
