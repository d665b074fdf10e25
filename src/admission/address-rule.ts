import { isIP } from 'node:net';
import { PolicyError } from './policy-error';

export type Family = 'ipv4' | 'ipv6';

/** One IP address or CIDR range, e.g. 10.0.0.0/8 or fd00:ec2::254. */
export interface AddressRule {
  network: string;
  prefix: number;
  family: Family;
}

export function parseAddressRule(text: string): AddressRule {
  const [address, bits, ...rest] = text.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) throw new PolicyError('POLICY_BAD_RULE', `not an IP address or CIDR range: ${text}`);
  const family: Family = version === 4 ? 'ipv4' : 'ipv6';
  const max = version === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : /^[0-9]{1,3}$/.test(bits) ? Number(bits) : NaN;
  if (!(prefix >= 0 && prefix <= max)) throw new PolicyError('POLICY_BAD_RULE', `bad prefix length in ${text} (0-${max})`);
  return { network: address.toLowerCase(), prefix, family };
}

export function looksLikeAddressRule(text: string): boolean {
  return text.includes('/') || isIP(text) !== 0;
}

/** IPv4-mapped IPv6 (::ffff:169.254.169.254) reaches the IPv4 address, so it is judged as one. */
export function canonicalAddress(address: string): { address: string; family: Family } {
  const lower = address.toLowerCase();
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return { address: dotted[1], family: 'ipv4' };
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) {
    const [hi, lo] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
    return { address: `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`, family: 'ipv4' };
  }
  return { address: lower, family: isIP(lower) === 4 ? 'ipv4' : 'ipv6' };
}
