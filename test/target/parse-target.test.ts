import { parseHost, parsePorts, parseTarget, TargetError } from '../../src/target/parse-target';

function errorOf(fn: () => unknown): TargetError {
  try {
    fn();
  } catch (err) {
    return err as TargetError;
  }
  throw new Error('expected a TargetError');
}

describe('parseHost', () => {
  it('normalises case and drops the trailing dot', () => {
    expect(parseHost('Mail.Contoso.COM.')).toBe('mail.contoso.com');
  });

  it('accepts IPv4 and IPv6 literals, with or without brackets', () => {
    expect(parseHost('127.0.0.1')).toBe('127.0.0.1');
    expect(parseHost('[::1]')).toBe('::1');
    expect(parseHost('::1')).toBe('::1');
  });

  it.each([
    ['mail contoso.com', 'TARGET_BAD_HOST'],
    ['mail.contoso.com;rm -rf /', 'TARGET_BAD_HOST'],
    ['$(id)', 'TARGET_BAD_HOST'],
    ['-leading.example.test', 'TARGET_BAD_HOST'],
    ['999.1', 'TARGET_BAD_HOST'],
    ['', 'TARGET_EMPTY_HOST'],
    ['   ', 'TARGET_EMPTY_HOST'],
  ])('rejects %j with %s', (input, code) => {
    expect(errorOf(() => parseHost(input)).code).toBe(code);
  });
});

describe('parsePorts', () => {
  it('defaults to 25 and 587', () => {
    expect(parsePorts([])).toEqual([25, 587]);
  });

  it('takes space- and comma-separated ports, once each', () => {
    expect(parsePorts(['25,587', '465', '25'])).toEqual([25, 587, 465]);
  });

  it.each(['0', '70000', 'smtp', '25.5', '-1'])('rejects port %j', (p) => {
    const err = errorOf(() => parsePorts([p]));
    expect(err.code).toBe('TARGET_BAD_PORT');
    expect(err.message).toContain(p);
  });

  it('refuses more than ten ports', () => {
    expect(errorOf(() => parsePorts(['1,2,3,4,5,6,7,8,9,10,11'])).code).toBe('TARGET_TOO_MANY_PORTS');
  });
});

describe('parseTarget', () => {
  it('combines both', () => {
    expect(parseTarget('MX.example.test', ['2525'])).toEqual({ host: 'mx.example.test', ports: [2525] });
  });
});
