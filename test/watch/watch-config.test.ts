import { ConfigError } from '../../src/config-error';
import { loadWatchConfig } from '../../src/watch/watch-config';

describe('loadWatchConfig', () => {
  it('defaults to ./data and the built-in settings', () => {
    expect(loadWatchConfig({})).toEqual({ dataDir: 'data', settings: {} });
  });

  it('reads every variable', () => {
    expect(
      loadWatchConfig({
        STARTTLS_DATA_DIR: '/var/lib/starttls',
        STARTTLS_OPS_CHANNEL: 'C0OPS1234',
        STARTTLS_EXPIRY_THRESHOLDS: '7, 30,14 1',
        STARTTLS_UNREACHABLE_RUNS: '5',
        STARTTLS_WATCH_CONCURRENCY: '4',
        STARTTLS_WATCH_MIN_INTERVAL: '1m',
        STARTTLS_MUTE_FOR: '8h',
      }),
    ).toEqual({
      dataDir: '/var/lib/starttls',
      settings: { opsChannel: 'C0OPS1234', expiryThresholdsDays: [30, 14, 7, 1], unreachableRuns: 5, maxConcurrentRuns: 4, minIntervalMs: 60_000, muteMs: 8 * 3_600_000 },
    });
  });

  it('takes a minimum interval in seconds (labs and tests) and a lease', () => {
    expect(loadWatchConfig({ STARTTLS_WATCH_MIN_INTERVAL: '2s', STARTTLS_WATCH_LEASE: '10s' }).settings).toEqual({ minIntervalMs: 2_000, claimLeaseMs: 10_000 });
  });

  it.each([
    ['STARTTLS_OPS_CHANNEL', '#ops'],
    ['STARTTLS_EXPIRY_THRESHOLDS', '30,soon'],
    ['STARTTLS_EXPIRY_THRESHOLDS', '0'],
    ['STARTTLS_UNREACHABLE_RUNS', '0'],
    ['STARTTLS_WATCH_MIN_INTERVAL', '0s'],
    ['STARTTLS_WATCH_MIN_INTERVAL', '10ms'],
    ['STARTTLS_MUTE_FOR', 'forever'],
  ])('refuses %s=%j naming the variable', (name, value) => {
    let caught: unknown;
    try {
      loadWatchConfig({ [name]: value });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).variable).toBe(name);
  });
});
