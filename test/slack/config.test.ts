import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/slack/config';
import { ConfigError } from '../../src/config-error';
import { createLogger } from '../../src/slack/logger';

const base = { SLACK_BOT_TOKEN: 'xoxb-1-2-abcdefabcdef', SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef' };

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has safe defaults: HTTP on 3000, mail ports only, nothing allowed beyond the built-in denies, 5 checks a minute', () => {
    const c = loadConfig(base);
    expect(c.appToken).toBeUndefined();
    expect(c.port).toBe(3000);
    expect(c.logLevel).toBe('info');
    expect(c.targetPolicy.allowedPorts).toEqual([25, 465, 587, 2525]);
    expect(c.actorPolicy).toEqual({ allowedChannels: [], allowedUsers: [] });
    expect(c.rateLimit).toEqual({ checks: 5, perSeconds: 60 });
  });

  it('reads METRICS_PORT and REPLICA_ID, the replica defaulting to the host name', () => {
    expect(loadConfig({ ...base, METRICS_PORT: '9464', REPLICA_ID: 'bot-2' })).toMatchObject({ metricsPort: 9464, replicaId: 'bot-2' });
    const c = loadConfig(base);
    expect(c.metricsPort).toBeUndefined();
    expect(c.replicaId).toBe(hostname());
  });

  it('uses Socket Mode when SLACK_APP_TOKEN is set, without needing a signing secret', () => {
    const c = loadConfig({ SLACK_BOT_TOKEN: base.SLACK_BOT_TOKEN, SLACK_APP_TOKEN: 'xapp-1-A1-123-abc' });
    expect(c.appToken).toBe('xapp-1-A1-123-abc');
  });

  it.each([
    [{}, 'SLACK_BOT_TOKEN', 'SLACK_BOT_TOKEN is not set'],
    [{ SLACK_BOT_TOKEN: base.SLACK_BOT_TOKEN }, 'SLACK_SIGNING_SECRET', 'SLACK_SIGNING_SECRET is not set'],
    [{ ...base, SLACK_BOT_TOKEN: 'xoxp-user-token-secret' }, 'SLACK_BOT_TOKEN', 'starting with xoxb-'],
    [{ ...base, SLACK_APP_TOKEN: 'xoxb-wrong-kind' }, 'SLACK_APP_TOKEN', 'starting with xapp-'],
    [{ ...base, PORT: 'eighty' }, 'PORT', 'expected a TCP port number'],
    [{ ...base, SLACK_API_URL: 'ftp://x' }, 'SLACK_API_URL', 'http(s) URL'],
    [{ ...base, LOG_LEVEL: 'loud' }, 'LOG_LEVEL', 'debug, info, warn, error'],
    [{ ...base, STARTTLS_ALLOWED_PORTS: '25,70000' }, 'STARTTLS_ALLOWED_PORTS', 'not a port number'],
    [{ ...base, STARTTLS_DENIED_TARGETS: '10.0.0.0/40' }, 'STARTTLS_DENIED_TARGETS', 'bad prefix length'],
    [{ ...base, STARTTLS_ALLOWED_TARGETS: 'bad host!' }, 'STARTTLS_ALLOWED_TARGETS', 'not a host name'],
    [{ ...base, STARTTLS_ALLOWED_CHANNELS: '#general' }, 'STARTTLS_ALLOWED_CHANNELS', 'not a Slack channel ID'],
    [{ ...base, STARTTLS_RATE_LIMIT: 'lots' }, 'STARTTLS_RATE_LIMIT', 'CHECKS/SECONDS'],
    [{ ...base, METRICS_PORT: '99999' }, 'METRICS_PORT', 'expected a TCP port number'],
    [{ ...base, REPLICA_ID: 'bot 1; drop' }, 'REPLICA_ID', 'letters, digits'],
  ])('stops with one line naming the variable (%#)', (env, variable, text) => {
    const err = configError(env as Record<string, string>);
    expect(err.variable).toBe(variable);
    expect(err.message).toContain(variable);
    expect(err.message).toContain(text);
    expect(err.message).not.toContain('\n');
  });

  it('refuses .env.example as copied, naming the placeholder variable', () => {
    const example = parseDotenv(readFileSync(join(__dirname, '..', '..', '.env.example')));
    const err = configError(example);
    expect(err.variable).toBe('SLACK_BOT_TOKEN');
    expect(err.message).toBe('SLACK_BOT_TOKEN is malformed: it still holds the placeholder from .env.example; replace it with the Bot User OAuth Token from the OAuth & Permissions page');
  });

  it('accepts every other value .env.example ships once real credentials are filled in', () => {
    const example = parseDotenv(readFileSync(join(__dirname, '..', '..', '.env.example')));
    expect(() => loadConfig({ ...example, ...base })).not.toThrow();
  });

  it.each([
    ['SLACK_BOT_TOKEN', 'xoxb-your-bot-token'],
    ['SLACK_BOT_TOKEN', 'xoxb-xxxx-xxxx-xxxxxxxx'],
    ['SLACK_BOT_TOKEN', 'xoxb-...'],
    ['SLACK_APP_TOKEN', 'xapp-your-app-token'],
    ['SLACK_APP_TOKEN', 'xapp-1-changeme'],
    ['SLACK_SIGNING_SECRET', 'your-signing-secret'],
    ['SLACK_SIGNING_SECRET', '<signing-secret>'],
  ])('refuses the placeholder in %s (%s)', (variable, value) => {
    const err = configError({ ...base, [variable]: value });
    expect(err.variable).toBe(variable);
    expect(err.message).toContain(`${variable} is malformed: it still holds the placeholder from .env.example`);
    expect(err.message).not.toContain(value);
  });

  it('never repeats a malformed token in its message', () => {
    expect(configError({ ...base, SLACK_BOT_TOKEN: 'xoxp-very-secret-value' }).message).not.toContain('very-secret');
  });
});

/** `npm start` in `cwd`, with nothing in the environment but PATH. */
function startBotIn(cwd: string) {
  return spawnSync(process.execPath, [join(__dirname, '..', '..', 'dist', 'slack', 'main.js')], { cwd, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8', timeout: 20_000 });
}

describe('npm start (dist/slack/main.js)', () => {
  it('prints one clear line and exits 1 when configuration is missing', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'starttls-bot-'));
    const result = startBotIn(cwd);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('starttls-bot: SLACK_BOT_TOKEN is not set: it must hold the Bot User OAuth Token (xoxb-…) from the OAuth & Permissions page\n');
  });

  it('refuses to start right after `cp .env.example .env`', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'starttls-bot-'));
    copyFileSync(join(__dirname, '..', '..', '.env.example'), join(cwd, '.env'));
    const result = startBotIn(cwd);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('starttls-bot: SLACK_BOT_TOKEN is malformed: it still holds the placeholder from .env.example; replace it with the Bot User OAuth Token from the OAuth & Permissions page\n');
  });
});

describe('logger', () => {
  it('writes JSON lines at or above its level and redacts secrets and anything token-shaped', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', secrets: ['s3cr3t-signing-value'], write: (l) => lines.push(l) });
    log.debug('hidden');
    log.info('calling Slack', { auth: 'Bearer xoxb-123-456-abc', secret: 's3cr3t-signing-value', err: new Error('boom') });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]);
    expect(entry).toMatchObject({ level: 'info', msg: 'calling Slack', auth: 'Bearer [redacted]', secret: '[redacted]', err: { name: 'Error', message: 'boom' } });
  });
});
