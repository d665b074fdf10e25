import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_SCOPES, FILE_DOWNLOAD_SCOPE, METHOD_SCOPES } from '../../src/slack/slack-api';

const root = join(__dirname, '..', '..');

/** The bot scopes listed under oauth_config.scopes.bot in manifest.yml. */
function manifestBotScopes(): string[] {
  const text = readFileSync(join(root, 'manifest.yml'), 'utf8');
  const block = /\n\s*bot:\n((?:\s+- .+\n)+)/.exec(text.slice(text.indexOf('oauth_config:')));
  if (!block) throw new Error('no oauth_config.scopes.bot list in manifest.yml');
  return block[1].split('\n').map((l) => l.replace(/^\s*-\s*/, '').trim()).filter(Boolean).sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The event subscriptions under settings.event_subscriptions.bot_events. */
function manifestBotEvents(): string[] {
  const text = readFileSync(join(root, 'manifest.yml'), 'utf8');
  const block = /\n\s*bot_events:\n((?:\s+- .+\n)+)/.exec(text);
  if (!block) throw new Error('no bot_events list in manifest.yml');
  return block[1].split('\n').map((l) => l.replace(/^\s*-\s*/, '').trim()).filter(Boolean).sort();
}

const slackSource = () => sourceFiles(join(root, 'src', 'slack')).map((file) => readFileSync(file, 'utf8'));

/** Every `client.<family>.<method>(` the Slack code calls. */
function calledMethods(): string[] {
  const methods = new Set<string>();
  for (const text of slackSource()) {
    for (const m of text.matchAll(/\bclient\.([a-z]+)\.([a-zA-Z]+)\(/g)) methods.add(`${m[1]}.${m[2]}`);
  }
  return [...methods].sort();
}

/** Every `app.event('<type>'` the Slack code listens to. */
function listenedEvents(): string[] {
  return [...new Set(slackSource().flatMap((text) => [...text.matchAll(/\bapp\.event\('([a-z_]+)'/g)].map((m) => m[1])))].sort();
}

const downloadsFiles = () => slackSource().some((text) => /\bdownloadSlackFile\(/.test(text));

describe('manifest.yml', () => {
  it('asks for exactly the scopes the code needs: its Web API methods, events and file downloads plus the slash command', () => {
    const called = calledMethods();
    expect(called.length).toBeGreaterThan(0);
    for (const method of called) expect(Object.keys(METHOD_SCOPES)).toContain(method);
    const needed = new Set<string>(['commands']);
    for (const method of called) {
      const scope = METHOD_SCOPES[method as keyof typeof METHOD_SCOPES];
      if (scope) needed.add(scope);
    }
    for (const event of manifestBotEvents()) {
      expect(Object.keys(EVENT_SCOPES)).toContain(event);
      const scope = EVENT_SCOPES[event as keyof typeof EVENT_SCOPES];
      if (scope) needed.add(scope);
    }
    if (downloadsFiles()) needed.add(FILE_DOWNLOAD_SCOPE);
    expect(manifestBotScopes()).toEqual([...needed].sort());
  });

  it('subscribes to exactly the events the code listens to (message.* all arrive as `message`)', () => {
    const subscribed = [...new Set(manifestBotEvents().map((e) => e.split('.')[0]))].sort();
    expect(listenedEvents()).toEqual(subscribed);
    expect(manifestBotEvents()).toEqual(Object.keys(EVENT_SCOPES).sort());
  });

  it('declares the slash command, interactivity, Socket Mode, the Home tab and its event', () => {
    const text = readFileSync(join(root, 'manifest.yml'), 'utf8');
    expect(text).toMatch(/- command: \/starttls\n/);
    expect(text).toMatch(/interactivity:\n\s+is_enabled: true/);
    expect(text).toMatch(/socket_mode_enabled: true/);
    expect(text).toMatch(/home_tab_enabled: true/);
    expect(text).toMatch(/bot_events:\n\s+- app_home_opened/);
  });
});
