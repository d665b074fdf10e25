import { ALL_ADDRESSES, bindingsOverlap, ipToBigInt, parseBinding, parseIpRange, rangeSize, rangesOverlap } from '../../src/exchange-config/ip-ranges';

describe('parseIpRange', () => {
  it.each([
    ['192.0.2.10', 1n],
    ['192.0.2.20-192.0.2.30', 11n],
    ['198.51.100.0/24', 256n],
    ['198.51.100.77/24', 256n],
    ['10.0.0.0(255.255.0.0)', 65536n],
    ['0.0.0.0-255.255.255.255', 1n << 32n],
    ['::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 1n << 128n],
    ['2001:db8::/32', 1n << 96n],
  ])('reads %s', (text, size) => {
    const range = parseIpRange(text);
    expect(range).toBeDefined();
    expect(rangeSize(range!)).toBe(size);
  });

  it('rejects what is not an address range', () => {
    expect(parseIpRange('192.0.2.30-192.0.2.20')).toBeUndefined();
    expect(parseIpRange('192.0.2.0/33')).toBeUndefined();
    expect(parseIpRange('10.0.0.0(255.0.255.0)')).toBeUndefined();
    expect(parseIpRange('relay.contoso.com')).toBeUndefined();
    expect(parseIpRange('192.0.2.1-2001:db8::1')).toBeUndefined();
  });

  it('expands IPv6 shorthand and embedded IPv4', () => {
    expect(ipToBigInt('::ffff:192.0.2.1')?.value).toBe(0xffffc0000201n);
    expect(ipToBigInt('2001:db8::1')?.value).toBe((0x20010db8n << 96n) | 1n);
  });

  it('tells overlapping ranges', () => {
    const everyone = ALL_ADDRESSES[0];
    const relay = parseIpRange('192.0.2.20-192.0.2.30')!;
    const other = parseIpRange('198.51.100.0/24')!;
    expect(rangesOverlap(everyone, relay)).toBe(true);
    expect(rangesOverlap(relay, other)).toBe(false);
    expect(rangesOverlap(ALL_ADDRESSES[1], relay)).toBe(false);
  });
});

describe('bindings', () => {
  it('reads IPv4 and bracketed IPv6 bindings', () => {
    expect(parseBinding('0.0.0.0:25')).toEqual({ address: '0.0.0.0', family: 4, port: 25, any: true });
    expect(parseBinding('[::]:587')).toEqual({ address: '::', family: 6, port: 587, any: true });
    expect(parseBinding('[2001:db8::5]:25')).toEqual({ address: '2001:db8::5', family: 6, port: 25, any: false });
    expect(parseBinding('mail:25')).toBeUndefined();
    expect(parseBinding('0.0.0.0:70000')).toBeUndefined();
  });

  it('overlap on the same port when an address is the wildcard of its family', () => {
    const any4 = parseBinding('0.0.0.0:25')!;
    expect(bindingsOverlap(any4, parseBinding('192.0.2.5:25')!)).toBe(true);
    expect(bindingsOverlap(any4, parseBinding('[::]:25')!)).toBe(false);
    expect(bindingsOverlap(any4, parseBinding('0.0.0.0:587')!)).toBe(false);
    expect(bindingsOverlap(parseBinding('192.0.2.5:25')!, parseBinding('192.0.2.6:25')!)).toBe(false);
  });
});
