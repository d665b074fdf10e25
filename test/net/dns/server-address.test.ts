import { formatServerAddress, parseServerAddress } from '../../../src/net/dns/server-address';

describe('parseServerAddress', () => {
  it.each([
    ['127.0.0.1', { address: '127.0.0.1', port: 53, family: 4 }],
    ['127.0.0.1:5353', { address: '127.0.0.1', port: 5353, family: 4 }],
    ['::1', { address: '::1', port: 53, family: 6 }],
    ['[::1]:5353', { address: '::1', port: 5353, family: 6 }],
    [' [::1] ', { address: '::1', port: 53, family: 6 }],
  ])('reads %s', (text, expected) => {
    expect(parseServerAddress(text)).toEqual(expected);
  });

  it.each(['ns.example.test', '127.0.0.1:0', '127.0.0.1:70000', '[::1]:x', '', '1.2.3'])('rejects %j with DNS_BAD_SERVER', (text) => {
    expect(() => parseServerAddress(text)).toThrow(expect.objectContaining({ code: 'DNS_BAD_SERVER' }));
  });

  it('formats back, leaving out port 53', () => {
    expect(formatServerAddress(parseServerAddress('[::1]:5353'))).toBe('[::1]:5353');
    expect(formatServerAddress(parseServerAddress('127.0.0.1:53'))).toBe('127.0.0.1');
  });
});
