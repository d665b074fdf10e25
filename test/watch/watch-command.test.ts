import { formatDuration, parseInterval } from '../../src/watch/duration';
import { DEFAULT_INTERVAL_MS, parseWatchCommand, WatchCommandError } from '../../src/watch/watch-command';

const words = (text: string) => text.split(' ');

describe('parseWatchCommand', () => {
  it('reads host, ports, interval and expected names in any order after the host', () => {
    expect(parseWatchCommand(words('watch Mail.Contoso.com 25 587 every 5m expect-name smtp.contoso.com'))).toEqual({
      kind: 'watch',
      host: 'mail.contoso.com',
      ports: [25, 587],
      intervalMs: 5 * 60_000,
      expectNames: ['smtp.contoso.com'],
    });
    expect(parseWatchCommand(words('watch mail.contoso.com every 1h 25,465'))).toMatchObject({ ports: [25, 465], intervalMs: 3_600_000 });
    expect(parseWatchCommand(['watch', 'mx.test'])).toMatchObject({ ports: [25, 587], intervalMs: DEFAULT_INTERVAL_MS, expectNames: [] });
  });

  it('reads a servername, spelled as in the CLI or as a chat word (and with a Slack-made dash)', () => {
    for (const text of ['watch 192.0.2.25 25 servername mail.contoso.com', 'watch 192.0.2.25 --servername mail.contoso.com 25', 'watch 192.0.2.25 25 \u2014servername=mail.contoso.com']) {
      expect(parseWatchCommand(words(text))).toEqual({ kind: 'watch', host: '192.0.2.25', ports: [25], intervalMs: DEFAULT_INTERVAL_MS, expectNames: [], servername: 'mail.contoso.com' });
    }
    expect(() => parseWatchCommand(words('watch 192.0.2.25 servername'))).toThrow(WatchCommandError);
  });

  it('reads the target forms of the command line', () => {
    expect(parseWatchCommand(words('watch mail.contoso.com:2525 every 5m'))).toMatchObject({ host: 'mail.contoso.com', ports: [2525] });
    expect(parseWatchCommand(words('watch [::1]:2525 587'))).toMatchObject({ host: '::1', ports: [2525, 587] });
    expect(parseWatchCommand(words('watch smtps://mail.contoso.com'))).toMatchObject({ host: 'mail.contoso.com', ports: [465] });
  });

  it('refuses implicit TLS on another port than 465, which a watch could not keep', () => {
    expect(() => parseWatchCommand(words('watch smtps://mail.contoso.com:2465'))).toThrow(new WatchCommandError('TARGET_BAD_PORT', 'watches speak implicit TLS on port 465 only; usage: watch <host> [port ...] [every 5m|15m|1h] [servername NAME] [expect-name NAME]'));
  });

  it('reads unwatch, watches and history', () => {
    expect(parseWatchCommand(words('unwatch mx.test'))).toEqual({ kind: 'unwatch', host: 'mx.test' });
    expect(parseWatchCommand(['watches'])).toEqual({ kind: 'watches' });
    expect(parseWatchCommand(words('HISTORY mx.test'))).toEqual({ kind: 'history', host: 'mx.test' });
  });

  it('leaves anything else to the ordinary check', () => {
    expect(parseWatchCommand(words('mail.contoso.com 25'))).toBeUndefined();
    expect(parseWatchCommand([])).toBeUndefined();
  });

  it.each([
    ['watch', 'WATCH_USAGE'],
    ['watch mx.test every', 'WATCH_USAGE'],
    ['watch mx.test every 10x', 'WATCH_BAD_INTERVAL'],
    ['watch mx.test every 10s', 'WATCH_BAD_INTERVAL'],
    ['watch mx.test 99999', 'TARGET_BAD_PORT'],
    ['watch bad_host! 25', 'TARGET_BAD_HOST'],
    ['unwatch', 'WATCH_USAGE'],
    ['watches now', 'WATCH_USAGE'],
    ['history a.test b.test', 'WATCH_USAGE'],
  ])('refuses %j with %s', (text, code) => {
    let caught: unknown;
    try {
      parseWatchCommand(words(text));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(WatchCommandError);
    expect((caught as WatchCommandError).code).toBe(code);
  });
});

describe('intervals and durations', () => {
  it('parses 5m, 15min, 1h, 1d within bounds', () => {
    expect(parseInterval('15min')).toBe(900_000);
    expect(parseInterval('1d')).toBe(86_400_000);
    expect(() => parseInterval('8d')).toThrow(/longest/);
  });

  it('formats a duration with its two largest units', () => {
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000 + 7000)).toBe('2h 5m');
    expect(formatDuration(3 * 86_400_000 + 5 * 60_000)).toBe('3d');
    expect(formatDuration(40_000)).toBe('40s');
    expect(formatDuration(10)).toBe('under a second');
  });
});
