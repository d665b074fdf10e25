import { anyNameCovers, isInternalName, nameCovers } from '../../src/exchange-config/host-names';

describe('nameCovers (RFC 6125)', () => {
  it.each([
    ['*.contoso.com', 'mail.contoso.com', true],
    ['*.contoso.com', 'MAIL.Contoso.com.', true],
    ['*.contoso.com', 'contoso.com', false],
    ['*.contoso.com', 'a.b.contoso.com', false],
    ['*.XXXXX.com', 'SRVEX01.domain.local', false],
    ['mail.contoso.com', 'mail.contoso.com', true],
    ['mail*.contoso.com', 'mail1.contoso.com', false],
    ['*.com', 'contoso.com', false],
    ['a.*.contoso.com', 'a.b.contoso.com', false],
  ])('%s covers %s: %s', (pattern, host, expected) => {
    expect(nameCovers(pattern, host)).toBe(expected);
  });

  it('checks a list of names', () => {
    expect(anyNameCovers(['SRVEX01', 'SRVEX01.contoso.local'], 'srvex01.contoso.local')).toBe(true);
  });
});

describe('isInternalName', () => {
  it.each([
    ['SRVEX01.domain.local', true],
    ['SRVEX01', true],
    ['exch.corp', true],
    ['192.0.2.5', true],
    ['mail.contoso.com', false],
    ['mail.contoso.ad', false],
  ])('%s: %s', (name, expected) => {
    expect(isInternalName(name)).toBe(expected);
  });
});
