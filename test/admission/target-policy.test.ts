import { PolicyError } from '../../src/admission/policy-error';
import { admitTarget } from '../../src/admission/target-guard';
import { DEFAULT_ALLOWED_PORTS, judgeAddresses, judgePorts, type TargetPolicy } from '../../src/admission/target-policy';
import { parseTargetRules } from '../../src/admission/target-rules';

function policy(allowed: string[] = [], denied: string[] = []): TargetPolicy {
  return { allowedPorts: DEFAULT_ALLOWED_PORTS, allowed: parseTargetRules(allowed), denied: parseTargetRules(denied) };
}

function refusal(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    if (err instanceof PolicyError) return err.code;
    throw err;
  }
}

describe('target policy', () => {
  it('allows the default mail ports only', () => {
    expect(refusal(() => judgePorts(policy(), [25, 465, 587, 2525]))).toBeUndefined();
    expect(refusal(() => judgePorts(policy(), [25, 22]))).toBe('POLICY_PORT_NOT_ALLOWED');
  });

  it('allows public addresses by default', () => {
    expect(refusal(() => judgeAddresses(policy(), 'mail.example.com', ['203.0.113.5', '2001:db8::5']))).toBeUndefined();
  });

  it.each([
    ['loopback', '127.0.0.1'],
    ['IPv6 loopback', '::1'],
    ['cloud metadata', '169.254.169.254'],
    ['link-local', '169.254.10.1'],
    ['IPv6 link-local', 'fe80::1'],
    ['AWS IPv6 metadata', 'fd00:ec2::254'],
    ['Alibaba metadata', '100.100.100.200'],
    ['Azure wireserver', '168.63.129.16'],
    ['unspecified', '0.0.0.0'],
    ['IPv4-mapped metadata', '::ffff:169.254.169.254'],
    ['IPv4-mapped loopback in hex', '::ffff:7f00:1'],
  ])('denies %s (%s) by default', (_name, address) => {
    expect(refusal(() => judgeAddresses(policy(), 'x.example.com', [address]))).toBe('POLICY_ADDRESS_DENIED');
  });

  it('denies the target when any one of its addresses is denied', () => {
    expect(refusal(() => judgeAddresses(policy(), 'rebind.example.com', ['203.0.113.5', '169.254.169.254']))).toBe('POLICY_ADDRESS_DENIED');
  });

  it('opens a special range only for an entry inside it', () => {
    expect(refusal(() => judgeAddresses(policy(['127.0.0.1']), '127.0.0.1', ['127.0.0.1']))).toBeUndefined();
    expect(refusal(() => judgeAddresses(policy(['127.0.0.1']), '127.0.0.2', ['127.0.0.2']))).toBe('POLICY_ADDRESS_DENIED');
    expect(refusal(() => judgeAddresses(policy(['0.0.0.0/0']), 'x', ['169.254.169.254']))).toBe('POLICY_ADDRESS_DENIED');
    expect(refusal(() => judgeAddresses(policy(['mail.example.com']), 'mail.example.com', ['127.0.0.1']))).toBe('POLICY_ADDRESS_DENIED');
  });

  it('probes only listed targets when an allow list is set', () => {
    const p = policy(['mail.contoso.com', '*.fabrikam.com', '198.51.100.0/24']);
    expect(refusal(() => judgeAddresses(p, 'mail.contoso.com', ['203.0.113.5']))).toBeUndefined();
    expect(refusal(() => judgeAddresses(p, 'mx1.fabrikam.com', ['203.0.113.6']))).toBeUndefined();
    expect(refusal(() => judgeAddresses(p, 'other.example', ['198.51.100.7']))).toBeUndefined();
    expect(refusal(() => judgeAddresses(p, 'other.example', ['203.0.113.7']))).toBe('POLICY_HOST_NOT_ALLOWED');
  });

  it('lets the deny list win over everything', () => {
    const p = policy(['10.0.0.0/8'], ['10.1.0.0/16', 'secret.contoso.com']);
    expect(refusal(() => judgeAddresses(p, 'a', ['10.1.2.3']))).toBe('POLICY_ADDRESS_DENIED');
    expect(refusal(() => judgeAddresses(p, 'a', ['10.2.2.3']))).toBeUndefined();
  });

  it('checks names before resolving and addresses after', async () => {
    const resolved: string[] = [];
    const resolve = async (host: string) => {
      resolved.push(host);
      return host === 'metadata.evil.example' ? ['169.254.169.254'] : ['203.0.113.9'];
    };
    const p = policy([], ['secret.contoso.com']);
    await expect(admitTarget(p, resolve, 'secret.contoso.com', [25])).rejects.toMatchObject({ code: 'POLICY_HOST_DENIED' });
    await expect(admitTarget(p, resolve, 'ok.example', [22])).rejects.toMatchObject({ code: 'POLICY_PORT_NOT_ALLOWED' });
    expect(resolved).toEqual([]);
    await expect(admitTarget(p, resolve, 'metadata.evil.example', [25])).rejects.toMatchObject({ code: 'POLICY_ADDRESS_DENIED' });
    await expect(admitTarget(p, resolve, 'ok.example', [25, 587])).resolves.toBe('203.0.113.9');
  });

  it('rejects malformed rules with a message naming the entry', () => {
    expect(() => parseTargetRules(['10.0.0.0/33'])).toThrow('bad prefix length in 10.0.0.0/33');
    expect(() => parseTargetRules(['not a host'])).toThrow('not a host name, IP address or CIDR range: not a host');
  });
});
