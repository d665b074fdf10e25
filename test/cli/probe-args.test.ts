import { parseProbeArgs } from '../../src/cli/probe-args';
import { UsageError } from '../../src/cli/usage-error';

describe('parseProbeArgs', () => {
  it('reads host, ports and flags', () => {
    const a = parseProbeArgs(['mail.contoso.test', '25,587', '--json', '--timeout', '5000', '--expect-name', 'mail.contoso.test', '--expect-name', 'autodiscover.contoso.test', '--ehlo', 'probe.contoso.test', '--tls']);
    expect(a).toMatchObject({
      host: 'mail.contoso.test',
      ports: [25, 587],
      json: true,
      timeoutMs: 5000,
      expectNames: ['mail.contoso.test', 'autodiscover.contoso.test'],
      ehloName: 'probe.contoso.test',
      implicitTls: true,
      mx: false,
    });
  });

  it('reads --servername as a host name, and refuses an address or --mx with it', () => {
    expect(parseProbeArgs(['192.0.2.25', '25', '--servername', 'Mail.Contoso.Test.'])).toMatchObject({ host: '192.0.2.25', servername: 'mail.contoso.test' });
    expect(parseProbeArgs(['192.0.2.25'])).not.toHaveProperty('servername');
    expect(() => parseProbeArgs(['192.0.2.25', '--servername', '192.0.2.26'])).toThrow(/--servername takes the host name senders use, not an address/);
    expect(() => parseProbeArgs(['contoso.test', '--mx', '--servername', 'mx.contoso.test'])).toThrow(UsageError);
  });

  it('defaults --mx to port 25', () => {
    expect(parseProbeArgs(['contoso.test', '--mx']).ports).toEqual([25]);
  });

  it.each([
    [['mail.contoso.test', '--frobnicate'], /unknown option --frobnicate: see starttls probe --help/],
    [['mail.contoso.test', '0'], /not a port number/],
    [['mail.contoso.test', '70000'], /not a port number/],
    [['bad host;ls'], /not a host name/],
    [[], /no host given/],
    [['mail.contoso.test', '--timeout', 'soon'], /--timeout takes a whole number/],
  ])('turns %j into a one-line usage error', (argv, message) => {
    let err: unknown;
    try {
      parseProbeArgs(argv as string[]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });
});
