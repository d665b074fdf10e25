import { parseHost, parsePorts, parseTarget, parseTargetWords, TargetError } from '../../src/check/parse-target';

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

describe('parseTargetWords', () => {
  it.each([
    [['mail.contoso.test'], { host: 'mail.contoso.test', ports: [25, 587] }],
    [['mail.contoso.test', '25', '587'], { host: 'mail.contoso.test', ports: [25, 587] }],
    [['mail.contoso.test:2525'], { host: 'mail.contoso.test', ports: [2525] }],
    [['mail.contoso.test:25,587', '465'], { host: 'mail.contoso.test', ports: [25, 587, 465] }],
    [['127.0.0.1:2525'], { host: '127.0.0.1', ports: [2525] }],
    [['[::1]:2525'], { host: '::1', ports: [2525] }],
    [['[2001:db8::1]'], { host: '2001:db8::1', ports: [25, 587] }],
    [['2001:db8::25'], { host: '2001:db8::25', ports: [25, 587] }],
    [['smtp://Mail.Contoso.test:587'], { host: 'mail.contoso.test', ports: [587] }],
    [['smtp://mail.contoso.test'], { host: 'mail.contoso.test', ports: [25] }],
    [['SMTPS://mail.contoso.test:2465/'], { host: 'mail.contoso.test', ports: [2465], implicitTls: true }],
    [['smtps://[::1]'], { host: '::1', ports: [465], implicitTls: true }],
  ])('reads %j', (words, target) => {
    expect(parseTargetWords(words)).toEqual(target);
  });

  it('takes the caller default when no port is written', () => {
    expect(parseTargetWords(['contoso.test'], [25])).toEqual({ host: 'contoso.test', ports: [25] });
  });

  it.each([
    ['mail.contoso.test:70000', 'TARGET_BAD_PORT', 'not a port number (1-65535): "70000"'],
    ['mail.contoso.test:0', 'TARGET_BAD_PORT', 'not a port number (1-65535): "0"'],
    ['mail.contoso.test:', 'TARGET_BAD_PORT', 'no port after the colon'],
    ['[::1]:smtp', 'TARGET_BAD_PORT', 'not a port number'],
    ['https://mail.contoso.test', 'TARGET_BAD_HOST', 'use host, host:port, smtp://host:port or smtps://host:port'],
    ['smtp://user@mail.contoso.test:25', 'TARGET_BAD_HOST', 'no user name or path'],
    ['smtp://mail.contoso.test:25/inbox', 'TARGET_BAD_HOST', 'no user name or path'],
    ['[not-an-ip]:25', 'TARGET_BAD_HOST', 'not a host name or IP address'],
  ])('rejects %j with %s', (word, code, message) => {
    const err = errorOf(() => parseTargetWords([word]));
    expect(err.code).toBe(code);
    expect(err.message).toContain(message);
  });

  it('rejects a port out of range among the extra words', () => {
    expect(errorOf(() => parseTargetWords(['mail.contoso.test:25', '65536'])).message).toContain('"65536"');
  });
});
