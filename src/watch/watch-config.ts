import { ConfigError } from '../config-error';
import { IntervalError, parseInterval } from './duration';
import type { WatchSettings } from './watch-settings';

export interface WatchConfig {
  /** Where the SQLite database lives (when there is no DATABASE_URL). */
  dataDir: string;
  /** postgres://…: the PostgreSQL database every replica shares. */
  databaseUrl?: string;
  settings: Partial<WatchSettings>;
}

type Env = Record<string, string | undefined>;

/** The watch settings from the environment; throws ConfigError naming the variable. */
export function loadWatchConfig(env: Env): WatchConfig {
  const settings: Partial<WatchSettings> = {};
  const ops = value(env, 'STARTTLS_OPS_CHANNEL');
  if (ops !== undefined) {
    if (!/^[CG][A-Z0-9]{2,}$/.test(ops)) invalid('STARTTLS_OPS_CHANNEL', 'expected a channel ID such as C0123ABCD (channel details → About, at the bottom)');
    settings.opsChannel = ops;
  }
  const thresholds = value(env, 'STARTTLS_EXPIRY_THRESHOLDS');
  if (thresholds !== undefined) settings.expiryThresholdsDays = days(thresholds);
  const runs = value(env, 'STARTTLS_UNREACHABLE_RUNS');
  if (runs !== undefined) settings.unreachableRuns = integer('STARTTLS_UNREACHABLE_RUNS', runs, 1, 50);
  const concurrency = value(env, 'STARTTLS_WATCH_CONCURRENCY');
  if (concurrency !== undefined) settings.maxConcurrentRuns = integer('STARTTLS_WATCH_CONCURRENCY', concurrency, 1, 100);
  const minInterval = value(env, 'STARTTLS_WATCH_MIN_INTERVAL');
  // Below a minute only for labs and tests (the multi-replica process test runs watches every few seconds).
  if (minInterval !== undefined) settings.minIntervalMs = interval('STARTTLS_WATCH_MIN_INTERVAL', minInterval, 1_000);
  const mute = value(env, 'STARTTLS_MUTE_FOR');
  if (mute !== undefined) settings.muteMs = interval('STARTTLS_MUTE_FOR', mute, 60_000);
  const lease = value(env, 'STARTTLS_WATCH_LEASE');
  if (lease !== undefined) settings.claimLeaseMs = interval('STARTTLS_WATCH_LEASE', lease, 1_000);
  const databaseUrl = value(env, 'DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\/[^\s]+$/i.test(databaseUrl)) invalid('DATABASE_URL', 'expected a postgres://user:password@host:port/database URL (unset it to use SQLite in STARTTLS_DATA_DIR)');
  return { dataDir: value(env, 'STARTTLS_DATA_DIR') ?? 'data', ...(databaseUrl !== undefined ? { databaseUrl } : {}), settings };
}

function value(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v === undefined || v === '' ? undefined : v;
}

function invalid(name: string, why: string): never {
  throw new ConfigError('CONFIG_INVALID', name, `${name} is malformed: ${why}`);
}

function integer(name: string, text: string, min: number, max: number): number {
  if (!/^[0-9]{1,4}$/.test(text) || Number(text) < min || Number(text) > max) invalid(name, `expected a whole number from ${min} to ${max}`);
  return Number(text);
}

function days(text: string): number[] {
  const items = text.split(/[\s,]+/).filter(Boolean);
  const numbers = items.map((i) => (/^[0-9]{1,3}$/.test(i) ? Number(i) : NaN));
  if (numbers.length === 0 || numbers.some((n) => !Number.isInteger(n) || n < 1 || n > 365)) {
    invalid('STARTTLS_EXPIRY_THRESHOLDS', 'expected days before expiry, e.g. 30,14,7,1');
  }
  return [...new Set(numbers)].sort((a, b) => b - a);
}

function interval(name: string, text: string, minMs: number): number {
  try {
    return parseInterval(text, minMs);
  } catch (err) {
    if (err instanceof IntervalError) invalid(name, err.message);
    throw err;
  }
}
