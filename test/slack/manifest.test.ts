import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { METHOD_SCOPES } from '../../src/slack/slack-api';

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

/** Every `client.<family>.<method>(` the Slack code calls. */
function calledMethods(): string[] {
  const methods = new Set<string>();
  for (const file of sourceFiles(join(root, 'src', 'slack'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bclient\.([a-z]+)\.([a-zA-Z]+)\(/g)) methods.add(`${m[1]}.${m[2]}`);
  }
  return [...methods].sort();
}

describe('manifest.yml', () => {
  it('asks for exactly the scopes the code needs: its Web API methods plus the slash command', () => {
    const called = calledMethods();
    expect(called.length).toBeGreaterThan(0);
    for (const method of called) expect(Object.keys(METHOD_SCOPES)).toContain(method);
    const needed = new Set<string>(['commands']);
    for (const method of called) {
      const scope = METHOD_SCOPES[method as keyof typeof METHOD_SCOPES];
      if (scope) needed.add(scope);
    }
    expect(manifestBotScopes()).toEqual([...needed].sort());
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
