import { parseTlsRptRecord, tlsRptCandidates } from '../../../src/domain-check/tls-rpt/tls-rpt-record';

describe('parseTlsRptRecord (RFC 8460 section 3)', () => {
  it('reads mailto and https reporting URIs', () => {
    expect(parseTlsRptRecord('v=TLSRPTv1; rua=mailto:tls@example.test, https://reports.example.test/tlsrpt')).toEqual({
      ok: true,
      value: { rua: ['mailto:tls@example.test', 'https://reports.example.test/tlsrpt'], extensions: [] },
    });
    expect(parseTlsRptRecord('v=TLSRPTv1;rua=mailto:tls@example.test;x=1;')).toEqual({
      ok: true,
      value: { rua: ['mailto:tls@example.test'], extensions: [{ name: 'x', value: '1' }] },
    });
  });

  it.each([
    ['v=TLSRPTv2; rua=mailto:a@example.test', 'the record must start with "v=TLSRPTv1"'],
    ['v=TLSRPTv1', 'the rua field (where to send reports) is missing'],
    ['v=TLSRPTv1; rua=tls@example.test', 'rua "tls@example.test" is not a mailto: address or an https: URL'],
    ['v=TLSRPTv1; rua=http://reports.example.test/', 'rua "http://reports.example.test/" is not a mailto: address or an https: URL'],
    ['v=TLSRPTv1; rua=mailto:a@example.test; rua=mailto:b@example.test', 'rua appears more than once'],
    ['v=TLSRPTv1; rua=mailto:a@example.test; =x', '"=x" is not a name=value field'],
  ])('rejects %j', (text, reason) => {
    expect(parseTlsRptRecord(text)).toEqual({ ok: false, reason });
  });

  it('discards records that do not begin with v=TLSRPTv1', () => {
    expect(tlsRptCandidates(['v=spf1 -all', 'v=TLSRPTv1; rua=mailto:a@example.test'])).toEqual(['v=TLSRPTv1; rua=mailto:a@example.test']);
  });
});
