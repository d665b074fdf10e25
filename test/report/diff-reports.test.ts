import { describeChange, diffReports } from '../../src/report/diff-reports';
import { certificate, foundingCase, foundingCaseFixed } from '../fixtures/reports';

describe('diffReports', () => {
  it('finds nothing between a report and itself', () => {
    expect(diffReports(foundingCase(), foundingCase())).toEqual([]);
  });

  it('reports the founding case fix: STARTTLS now on 25, TLS and a certificate there, the finding resolved', () => {
    const lines = diffReports(foundingCase(), foundingCaseFixed()).map(describeChange);
    expect(lines).toEqual([
      'verdict CRITICAL → WARNING',
      'STARTTLS now advertised on 25',
      'TLS on 25 now TLSv1.3',
      'port 25 serves a different certificate: CN=*.contoso.com, O=Contoso Ltd',
      'resolved: Port 25 does not advertise STARTTLS',
    ]);
  });

  it('reports capability values, ports and errors that changed', () => {
    const before = foundingCase();
    const after = foundingCase();
    after.ports[0].capabilities = after.ports[0].capabilities.map((c) => (c.keyword === 'SIZE' ? { ...c, params: ['20971520'] } : c)).filter((c) => c.keyword !== 'DSN');
    after.ports[0].capabilities.push({ keyword: 'SMTPUTF8', params: [] });
    after.ports[1] = { ...after.ports[1], error: { code: 'PROBE_TIMEOUT', step: 'greeting', message: 'timed out' }, certificate: certificate({ sha256Fingerprint: 'NEW', subject: 'CN=new' }) };
    after.ports.push({ ...after.ports[0], port: 2525 });
    expect(diffReports(before, after).map(describeChange)).toEqual([
      'SIZE on 25: 62423040 → 20971520',
      'SMTPUTF8 now advertised on 25',
      'DSN no longer advertised on 25',
      'port 587 now fails: PROBE_TIMEOUT',
      'port 587 serves a different certificate: CN=new',
      'port 2525 checked for the first time',
    ]);
  });

  it('reports chain trust and identity as two separate changes', () => {
    const before = foundingCase();
    const after = foundingCase();
    const name = before.ports[1].certificate!.identityName!;
    after.ports[1] = {
      ...after.ports[1],
      certificate: certificate({ trusted: false, trustError: 'CA_MD_TOO_WEAK', trustReason: 'the CA certificate at depth 1 is signed with sha1WithRSAEncryption, too weak for OpenSSL 3 at security level 2 (openssl verify error 68)' }),
    };
    expect(diffReports(before, after).map(describeChange)).toEqual([
      'certificate chain on 587 no longer trusted: the CA certificate at depth 1 is signed with sha1WithRSAEncryption, too weak for OpenSSL 3 at security level 2 (openssl verify error 68)',
    ]);
    after.ports[1] = { ...after.ports[1], certificate: certificate({ nameMatch: false }) };
    expect(diffReports(before, after).map(describeChange)).toEqual([`certificate on 587 no longer covers ${name}`]);
    expect(diffReports(after, before).map(describeChange)).toEqual([`certificate on 587 now covers ${name}`]);
  });

  it('reports a port that is no longer checked and a new finding', () => {
    const before = foundingCase();
    const after = { ...foundingCase(), ports: [foundingCase().ports[0]], findings: [...foundingCase().findings, { ...foundingCase().findings[0], id: 'cert-expired' as const, title: 'Expired' }] };
    expect(diffReports(before, after).map(describeChange)).toEqual(['port 587 no longer checked', 'new: Expired']);
  });
});
