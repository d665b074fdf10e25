import { clip, hasFlag, hasProperty, isBlank, nonBlank, parseBool, parseByteSize, parseExchangeDate, parseFlags, parseList } from '../../src/exchange-config/values';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('parseList', () => {
  it('reads {a, b} collections, empty ones and bare values', () => {
    expect(parseList('{[::]:25, 0.0.0.0:25}')).toEqual({ items: ['[::]:25', '0.0.0.0:25'], truncated: false });
    expect(parseList('{}')).toEqual({ items: [], truncated: false });
    expect(parseList('mail.contoso.com')).toEqual({ items: ['mail.contoso.com'], truncated: false });
  });

  it('marks collections Format-List cut with "..."', () => {
    expect(parseList('{192.0.2.10, 192.0.2.20-192.0.2.30, 198.51.100.0/24, 203.0.113.0/28...}')).toEqual({
      items: ['192.0.2.10', '192.0.2.20-192.0.2.30', '198.51.100.0/24', '203.0.113.0/28'],
      truncated: true,
    });
    expect(parseList('{a, b').truncated).toBe(true);
  });
});

describe('flags, booleans, blanks', () => {
  it('reads AuthMechanism and Services flags; None is empty', () => {
    expect(parseFlags('Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer')).toEqual(['Tls', 'Integrated', 'BasicAuth', 'BasicAuthRequireTLS', 'ExchangeServer']);
    expect(parseFlags('None')).toEqual([]);
    expect(hasFlag(parseFlags('IMAP, POP, IIS, SMTP'), 'smtp')).toBe(true);
    expect(hasFlag(parseFlags('IIS'), 'SMTP')).toBe(false);
  });

  it('reads True/False and nothing else', () => {
    expect(parseBool('True')).toBe(true);
    expect(parseBool('False')).toBe(false);
    expect(parseBool('yes')).toBeUndefined();
  });

  it('treats empty, {} and $null as blank', () => {
    expect(isBlank('')).toBe(true);
    expect(isBlank('{}')).toBe(true);
    expect(isBlank('$null')).toBe(true);
    expect(nonBlank('  mail.contoso.com ')).toBe('mail.contoso.com');
    expect(nonBlank(' ')).toBeUndefined();
  });

  it('finds a pasted property whatever its case', () => {
    expect(hasProperty({ TlsCertificateName: '' }, 'tlscertificatename')).toBe(true);
    expect(hasProperty({ Fqdn: 'x' }, 'TlsCertificateName')).toBe(false);
  });

  it('clips long text with an ellipsis', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('abc', 4)).toBe('abc');
  });
});

describe('parseByteSize', () => {
  it.each([
    ['36 MB (37,748,736 bytes)', 37748736],
    ['59.53 MB (62,423,040 bytes)', 62423040],
    ['36 MB (37.748.736 bytes)', 37748736],
    ['36 MB (37 748 736 bytes)', 37748736],
    ['20 MB (20\u00a0971\u00a0520 bytes)', 20971520],
  ])('reads %s', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it('returns null for Unlimited and undefined for anything unreadable', () => {
    expect(parseByteSize('Unlimited')).toBeNull();
    expect(parseByteSize('thirty-six megabytes')).toBeUndefined();
  });
});

describe('parseExchangeDate', () => {
  it('reads en-US with AM/PM, both readings when day and month are ambiguous (month first)', () => {
    expect(iso(parseExchangeDate('2/12/2025 11:59:59 PM'))).toEqual(['2025-02-12T23:59:59.000Z', '2025-12-02T23:59:59.000Z']);
    expect(iso(parseExchangeDate('2/14/2026 11:59:59 PM'))).toEqual(['2026-02-14T23:59:59.000Z']);
    expect(iso(parseExchangeDate('12/1/2025 12:30:00 AM'))).toEqual(['2025-12-01T00:30:00.000Z', '2025-01-12T00:30:00.000Z']);
  });

  it('reads en-GB, de-DE and ISO forms', () => {
    expect(iso(parseExchangeDate('14/03/2026 16:23:11'))).toEqual(['2026-03-14T16:23:11.000Z']);
    expect(iso(parseExchangeDate('14.03.2026 16:23:11'))).toEqual(['2026-03-14T16:23:11.000Z']);
    expect(iso(parseExchangeDate('03.04.2026 16:23:11'))).toEqual(['2026-04-03T16:23:11.000Z']);
    expect(iso(parseExchangeDate('2026-03-14 16:23:11'))).toEqual(['2026-03-14T16:23:11.000Z']);
  });

  it('rejects impossible dates and non-dates', () => {
    expect(parseExchangeDate('31/02/2026')).toEqual([]);
    expect(parseExchangeDate('soon')).toEqual([]);
  });
});
