import { isIP } from 'node:net';
import { hostname } from 'node:os';
import type { ActorPolicy } from '../admission/actor-policy';
import { PolicyError } from '../admission/policy-error';
import type { RateLimit } from '../admission/rate-limiter';
import { DEFAULT_ALLOWED_PORTS, type TargetPolicy } from '../admission/target-policy';
import { parseTargetRules } from '../admission/target-rules';
import { parsePorts, TargetError } from '../check/parse-target';
import type { HelpFacts } from './blocks/help-blocks';
import { ConfigError } from '../config-error';
import { LOG_LEVELS, type LogLevel } from './logger';
import { isPlaceholder } from './placeholders';

export interface SlackConfig {
  botToken: string;
  /** Verifies HTTP requests; not needed in Socket Mode. */
  signingSecret?: string;
  /** Set: Socket Mode (no public URL). */
  appToken?: string;
  port: number;
  host?: string;
  apiUrl?: string;
  logLevel: LogLevel;
  targetPolicy: TargetPolicy;
  actorPolicy: ActorPolicy;
  rateLimit: RateLimit;
  /** Where /healthz, /readyz and /metrics are also served (Socket Mode has no other HTTP port). */
  metricsPort?: number;
  /** Tells replicas apart in metrics and logs; REPLICA_ID or the host name. */
  replicaId: string;
}

type Env = Record<string, string | undefined>;

/** Parses the environment (after dotenv) into a typed config; throws ConfigError naming the variable. */
export function loadConfig(env: Env): SlackConfig {
  const botToken = token('SLACK_BOT_TOKEN', required(env, 'SLACK_BOT_TOKEN', 'the Bot User OAuth Token (xoxb-…) from the OAuth & Permissions page'), 'xoxb-', 'the Bot User OAuth Token from the OAuth & Permissions page');
  const appToken = optional(env, 'SLACK_APP_TOKEN');
  if (appToken !== undefined) token('SLACK_APP_TOKEN', appToken, 'xapp-', 'the app-level token with connections:write (Basic Information page)');
  const signingSecret = appToken === undefined ? required(env, 'SLACK_SIGNING_SECRET', 'the Signing Secret from the Basic Information page (or set SLACK_APP_TOKEN for Socket Mode)') : optional(env, 'SLACK_SIGNING_SECRET');
  if (signingSecret !== undefined) refusePlaceholder('SLACK_SIGNING_SECRET', signingSecret, 'the Signing Secret from the Basic Information page');
  if (signingSecret !== undefined && !/^[A-Za-z0-9]{16,}$/.test(signingSecret)) invalid('SLACK_SIGNING_SECRET', 'it should be the hexadecimal Signing Secret from the Basic Information page');
  return {
    botToken,
    ...(signingSecret !== undefined ? { signingSecret } : {}),
    ...(appToken !== undefined ? { appToken } : {}),
    port: portNumber(optional(env, 'PORT') ?? '3000'),
    ...optionalField('host', listenHost(optional(env, 'HOST'))),
    ...optionalField('apiUrl', apiUrl(optional(env, 'SLACK_API_URL'))),
    logLevel: logLevel(optional(env, 'LOG_LEVEL') ?? 'info'),
    targetPolicy: {
      allowedPorts: allowedPorts(optional(env, 'STARTTLS_ALLOWED_PORTS')),
      allowed: rules(env, 'STARTTLS_ALLOWED_TARGETS'),
      denied: rules(env, 'STARTTLS_DENIED_TARGETS'),
    },
    actorPolicy: {
      allowedChannels: slackIds(env, 'STARTTLS_ALLOWED_CHANNELS', /^[CGD][A-Z0-9]{2,}$/),
      allowedUsers: slackIds(env, 'STARTTLS_ALLOWED_USERS', /^[UW][A-Z0-9]{2,}$/),
    },
    rateLimit: rateLimit(optional(env, 'STARTTLS_RATE_LIMIT') ?? '5/60'),
    ...optionalField('metricsPort', metricsPort(optional(env, 'METRICS_PORT'))),
    replicaId: replicaId(optional(env, 'REPLICA_ID') ?? defaultReplicaId()),
  };
}

function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function required(env: Env, name: string, what: string): string {
  const value = optional(env, name);
  if (value === undefined) throw new ConfigError('CONFIG_MISSING', name, `${name} is not set: it must hold ${what}`);
  return value;
}

function invalid(name: string, why: string): never {
  throw new ConfigError('CONFIG_INVALID', name, `${name} is malformed: ${why}`);
}

function optionalField<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Never echoes the value: it is a secret. */
function token(name: string, value: string, prefix: string, what: string): string {
  refusePlaceholder(name, value, what);
  if (!value.startsWith(prefix) || !/^[A-Za-z0-9-]+$/.test(value)) invalid(name, `expected ${what}, starting with ${prefix}`);
  return value;
}

/** `cp .env.example .env` leaves values like xoxb-your-bot-token, which look like tokens but are not. */
function refusePlaceholder(name: string, value: string, what: string): void {
  if (isPlaceholder(value)) invalid(name, `it still holds the placeholder from .env.example; replace it with ${what}`);
}

function portNumber(text: string, name = 'PORT'): number {
  if (!/^[0-9]{1,5}$/.test(text) || Number(text) > 65535) invalid(name, `expected a TCP port number (0-65535), got ${JSON.stringify(text.slice(0, 20))}`);
  return Number(text);
}

function metricsPort(text: string | undefined): number | undefined {
  return text === undefined ? undefined : portNumber(text, 'METRICS_PORT');
}

/** The host name (a container's id under Docker), made fit for a label. */
function defaultReplicaId(): string {
  return hostname().replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 63) || 'bot';
}

function replicaId(text: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(text)) invalid('REPLICA_ID', 'expected up to 63 letters, digits, dots, dashes or underscores (e.g. bot-1)');
  return text;
}

function listenHost(text: string | undefined): string | undefined {
  if (text !== undefined && isIP(text) === 0 && text !== 'localhost') invalid('HOST', `expected an IP address to listen on, got ${JSON.stringify(text.slice(0, 40))}`);
  return text;
}

function apiUrl(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return invalid('SLACK_API_URL', 'expected an http(s) URL such as https://slack.com/api/');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') invalid('SLACK_API_URL', 'expected an http(s) URL such as https://slack.com/api/');
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

function logLevel(text: string): LogLevel {
  const level = text.toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) invalid('LOG_LEVEL', `expected one of ${LOG_LEVELS.join(', ')}`);
  return level as LogLevel;
}

function list(text: string | undefined): string[] {
  return (text ?? '').split(/[\s,]+/).filter(Boolean);
}

function allowedPorts(text: string | undefined): number[] {
  if (text === undefined) return [...DEFAULT_ALLOWED_PORTS];
  try {
    const ports = list(text).map((item) => parsePorts([item])[0]);
    if (ports.length === 0) invalid('STARTTLS_ALLOWED_PORTS', 'expected at least one port');
    return ports;
  } catch (err) {
    if (err instanceof TargetError) invalid('STARTTLS_ALLOWED_PORTS', err.message);
    throw err;
  }
}

function rules(env: Env, name: string) {
  try {
    return parseTargetRules(list(optional(env, name)));
  } catch (err) {
    if (err instanceof PolicyError) invalid(name, err.message);
    throw err;
  }
}

function slackIds(env: Env, name: string, pattern: RegExp): string[] {
  const ids = list(optional(env, name));
  const bad = ids.find((id) => !pattern.test(id));
  if (bad !== undefined) invalid(name, `${JSON.stringify(bad.slice(0, 30))} is not a Slack ${name.endsWith('CHANNELS') ? 'channel' : 'user'} ID`);
  return ids;
}

function rateLimit(text: string): RateLimit {
  const m = /^([0-9]{1,4})\/([0-9]{1,6})$/.exec(text);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) invalid('STARTTLS_RATE_LIMIT', 'expected CHECKS/SECONDS, e.g. 5/60 for five checks a minute per person');
  return { checks: Number(m[1]), perSeconds: Number(m[2]) };
}

/** The limits people are told about in help and on the Home tab. */
export function helpFacts(config: SlackConfig): HelpFacts {
  return { allowedPorts: config.targetPolicy.allowedPorts, rateLimit: config.rateLimit };
}
