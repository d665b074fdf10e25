import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliResult } from '../helpers/cli-process';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server';

// bin/starttls.js runs the CLI's bundle through a code cache in $XDG_CACHE_HOME/starttls: whether
// the cache is missing, there, damaged or cannot be written, a user sees the same thing.
let server: RunningServer;
let home: string;
beforeAll(async () => {
  server = await startSmtpServer({ hideSTARTTLS: true });
});
afterAll(() => server.close());
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'starttls-cache-home-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

/** Output without the elapsed times, which differ between runs. */
function seen(r: CliResult): CliResult {
  const untimed = (t: string) => t.replace(/\d+ ms\b/g, 'N ms');
  return { status: r.status, stdout: untimed(r.stdout), stderr: untimed(r.stderr) };
}

const probe = () => ['probe', `127.0.0.1:${server.port}`];

describe('the starttls process and its code cache', () => {
  it('answers the same on the run that writes the cache and on the runs that use it', async () => {
    const env = { XDG_CACHE_HOME: home };
    const first = seen(await runCli(probe(), env));
    expect(first.status).toBe(2);
    expect(first.stdout).toContain('starttls-not-advertised');
    expect(readdirSync(join(home, 'starttls'))).toEqual([expect.stringMatching(/^cli-probe-.*\.v8cache$/)]);

    expect(seen(await runCli(probe(), env))).toEqual(first);
    expect(seen(await runCli([...probe(), '--json'], env)).status).toBe(2);
  });

  it('keeps one cache per command, so the help text does not stand in for a probe', async () => {
    const env = { XDG_CACHE_HOME: home };
    const version = await runCli(['--version'], env);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    await runCli(probe(), env);
    expect(readdirSync(join(home, 'starttls')).map((f) => f.replace(/-node.*/, '')).sort()).toEqual(['cli-other', 'cli-probe']);
  });

  it('writes no cache on a run that stopped at a usage error: the next run that probes writes it', async () => {
    const env = { XDG_CACHE_HOME: home };
    const usage = await runCli(['probe'], env);
    expect(usage.status).toBe(3);
    expect(usage.stderr).toContain('no host given');
    expect(existsSync(join(home, 'starttls'))).toBe(false);
    await runCli(probe(), env);
    expect(readdirSync(join(home, 'starttls'))).toEqual([expect.stringMatching(/^cli-probe-/)]);
  });

  it('answers the same when the cache is damaged, and replaces it', async () => {
    const env = { XDG_CACHE_HOME: home };
    const first = seen(await runCli(probe(), env));
    const [file] = readdirSync(join(home, 'starttls'));
    writeFileSync(join(home, 'starttls', file), 'not a code cache');
    expect(seen(await runCli(probe(), env))).toEqual(first);
    expect(readdirSync(join(home, 'starttls'))).toEqual([file]);
  });

  it('answers the same, with nothing more on stderr, when no cache can be written', async () => {
    const written = seen(await runCli(probe(), { XDG_CACHE_HOME: home }));
    const notADirectory = join(home, 'a-file');
    writeFileSync(notADirectory, '');
    expect(seen(await runCli(probe(), { XDG_CACHE_HOME: notADirectory }))).toEqual(written);
    expect(existsSync(join(home, 'a-file.partial'))).toBe(false);
  });
});
