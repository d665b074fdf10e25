import { isMxPattern, mxPatternMatches } from '../../../src/domain-check/mta-sts/mx-pattern';

describe('MTA-STS mx patterns (RFC 8461 section 4.1)', () => {
  it.each([
    ['mx1.example.test', 'mx1.example.test', true],
    ['MX1.example.test.', 'mx1.EXAMPLE.test', true],
    ['mx1.example.test', 'mx2.example.test', false],
    ['*.example.test', 'mx1.example.test', true],
    ['*.example.test', 'example.test', false],
    ['*.example.test', 'a.mx1.example.test', false],
    ['*.example.test', 'mx1.otherexample.test', false],
  ])('%s against %s: %s', (pattern, host, expected) => {
    expect(mxPatternMatches(pattern, host)).toBe(expected);
  });

  it('validates pattern syntax', () => {
    expect(isMxPattern('*.example.test')).toBe(true);
    expect(isMxPattern('mx-1.example.test')).toBe(true);
    expect(isMxPattern('mx.*.example.test')).toBe(false);
    expect(isMxPattern('-mx.example.test')).toBe(false);
    expect(isMxPattern('*')).toBe(false);
    expect(isMxPattern('')).toBe(false);
  });
});
