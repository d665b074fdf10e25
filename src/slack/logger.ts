import { inspect } from 'node:util';
import { LogLevel as BoltLogLevel, type Logger as BoltLogger } from '@slack/bolt';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type Fields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: Fields): void;
  info(msg: string, fields?: Fields): void;
  warn(msg: string, fields?: Fields): void;
  error(msg: string, fields?: Fields): void;
}

export interface LoggerOptions {
  level: LogLevel;
  /** Values that must never appear in a log line (tokens, signing secret). */
  secrets: string[];
  write?: (line: string) => void;
  now?: () => Date;
  /** Fields on every line, e.g. the replica id, so replicas' logs can be told apart once aggregated. */
  fields?: Fields;
}

// Slack token shapes, caught even when a library logs one we were not told about.
const TOKEN_PATTERN = /\b(?:xox[abposre]|xapp)-[A-Za-z0-9-]+/g;

/** Structured JSON lines (on stderr by default), one per event, secrets replaced by [redacted]. */
export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const now = options.now ?? (() => new Date());
  const secrets = options.secrets.filter((s) => s.length >= 8);
  const threshold = LOG_LEVELS.indexOf(options.level);
  const redact = (text: string) => secrets.reduce((t, s) => t.split(s).join('[redacted]'), text).replace(TOKEN_PATTERN, '[redacted]');
  const log = (level: LogLevel) => (msg: string, fields: Fields = {}) => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    const line = JSON.stringify({ time: now().toISOString(), level, msg, ...options.fields, ...serializable(fields) });
    write(`${redact(line)}\n`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** What a bot logger needs from the configuration: the level, the replica, and the tokens to redact. */
export interface LoggedConfig {
  logLevel: LogLevel;
  replicaId: string;
  botToken: string;
  signingSecret?: string;
  appToken?: string;
}

/** The bot's logger: made once per process (main.ts), tokens and any other secret given redacted, each line naming the replica. */
export function botProcessLogger(config: LoggedConfig, options: { secrets?: (string | undefined)[]; write?: (line: string) => void } = {}): Logger {
  const secrets = [config.botToken, config.signingSecret, config.appToken, ...(options.secrets ?? [])].filter((s): s is string => s !== undefined);
  return createLogger({ level: config.logLevel, secrets, fields: { replica: config.replicaId }, ...(options.write ? { write: options.write } : {}) });
}

function serializable(fields: Fields): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = value instanceof Error ? { name: value.name, message: value.message, ...('code' in value ? { code: value.code } : {}) } : value;
  }
  return out;
}

/**
 * Library lines our own code already reports better: the WebClient's "http request failed <message>"
 * (slack-fetch warned with method and cause) and the Socket Mode client's failed apps.connections.open
 * (SlackConnection warns with the cause and when it retries).
 */
function superseded(parts: unknown[]): boolean {
  return parts[0] === 'http request failed' || (typeof parts[0] === 'string' && parts[0].startsWith('Failed to retrieve a new WSS URL'));
}

/** Bolt and the WebClient log through this, so their lines are structured and redacted too. */
export function boltLogger(logger: Logger, level: LogLevel): BoltLogger {
  let current = level as BoltLogLevel;
  let name = 'bolt';
  const text = (parts: unknown[]) => parts.map((p) => (typeof p === 'string' ? p : inspect(p, { depth: 3, breakLength: Infinity }))).join(' ');
  return {
    debug: (...m: unknown[]) => logger.debug(text(m), { component: name }),
    info: (...m: unknown[]) => logger.info(text(m), { component: name }),
    warn: (...m: unknown[]) => (superseded(m) ? logger.debug : logger.warn)(text(m), { component: name }),
    error: (...m: unknown[]) => (superseded(m) ? logger.debug : logger.error)(text(m), { component: name }),
    setLevel: (l: BoltLogLevel) => {
      current = l;
    },
    getLevel: () => current,
    setName: (n: string) => {
      name = n;
    },
  };
}
