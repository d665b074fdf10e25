import { parseStsPolicy } from '../../../src/domain-check/mta-sts/sts-policy';

const GOOD = 'version: STSv1\r\nmode: enforce\r\nmx: mx1.example.test\r\nmx: *.backup.example.test\r\nmax_age: 604800\r\n';

describe('parseStsPolicy (RFC 8461 section 3.2)', () => {
  it('reads a CRLF policy with several mx lines', () => {
    expect(parseStsPolicy(GOOD)).toEqual({
      ok: true,
      value: { mode: 'enforce', maxAge: 604800, mx: ['mx1.example.test', '*.backup.example.test'], extensions: [] },
    });
  });

  it('accepts LF line ends, any field order, blank lines, extensions and a mode none policy without mx', () => {
    expect(parseStsPolicy('mode: none\n\nmax_age: 86400\nversion: STSv1\nx-note: hello world\n')).toEqual({
      ok: true,
      value: { mode: 'none', maxAge: 86400, mx: [], extensions: [{ name: 'x-note', value: 'hello world' }] },
    });
  });

  it('lower-cases mx patterns and drops a trailing dot', () => {
    const result = parseStsPolicy('version: STSv1\nmode: testing\nmx: MX1.Example.Test.\nmax_age: 0');
    expect(result).toEqual({ ok: true, value: { mode: 'testing', maxAge: 0, mx: ['mx1.example.test'], extensions: [] } });
  });

  it.each([
    ['mode: enforce\nmx: a.test\nmax_age: 1', 'the version field is missing'],
    ['version: STSv2\nmode: enforce\nmx: a.test\nmax_age: 1', 'version must be STSv1, not "STSv2"'],
    ['version: STSv1\nmx: a.test\nmax_age: 1', 'the mode field is missing'],
    ['version: STSv1\nmode: Enforce\nmx: a.test\nmax_age: 1', 'mode must be enforce, testing or none, not "Enforce"'],
    ['version: STSv1\nmode: enforce\nmx: a.test', 'the max_age field is missing'],
    ['version: STSv1\nmode: enforce\nmx: a.test\nmax_age: 31557601', 'max_age must be a whole number of seconds up to 31557600, not "31557601"'],
    ['version: STSv1\nmode: enforce\nmx: a.test\nmax_age: -1', 'max_age must be a whole number of seconds up to 31557600, not "-1"'],
    ['version: STSv1\nmode: enforce\nmax_age: 1', 'no mx field: the policy names no MX host'],
    ['version: STSv1\nmode: enforce\nmode: testing\nmx: a.test\nmax_age: 1', 'mode appears more than once'],
    ['version: STSv1\nmode: enforce\nmx: *.*.a.test\nmax_age: 1', 'line 3: "*.*.a.test" is not an MX host name or *.domain pattern'],
    ['version: STSv1\nmode: enforce\nmx: mail_1.a.test\nmax_age: 1', 'line 3: "mail_1.a.test" is not an MX host name or *.domain pattern'],
    ['<html><body>Not found</body></html>', 'line 1 is not "key: value": "<html><body>Not found</body></html>"'],
    ['version = STSv1', 'line 1 is not "key: value": "version = STSv1"'],
  ])('rejects %j', (text, reason) => {
    expect(parseStsPolicy(text)).toEqual({ ok: false, reason });
  });
});
