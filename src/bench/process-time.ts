import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { percentile, round } from './measure';

export interface ProcessTimes {
  runs: number;
  floorMs: number;
  cliMs: number;
  ratio: number;
  /** The CLI's first run after an install or upgrade: no code cache yet, and it writes one. */
  cliFirstRunMs: number;
  firstRunRatio: number;
}

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Whole-process time, start to exit, of one CLI probe and of the floor script, alternating; medians.
 * The CLI runs as a user runs it again and again (its code cache in place: the warm-up run writes it
 * when missing or stale), and beside that as on its first run, with an empty cache directory each time.
 */
export async function cliVersusFloor(port: number, runs: number): Promise<ProcessTimes> {
  const floor = [process.execPath, path.join(__dirname, 'floor-cli.js'), '127.0.0.1', String(port)];
  const cli = [process.execPath, path.join(ROOT, 'bin', 'starttls.js'), 'probe', '127.0.0.1', String(port)];
  const floorMs: number[] = [];
  const cliMs: number[] = [];
  const firstRunMs: number[] = [];
  await timed(floor);
  await timed(cli);
  for (let i = 0; i < runs; i++) {
    floorMs.push(await timed(floor));
    cliMs.push(await timed(cli));
    firstRunMs.push(await withEmptyCache((env) => timed(cli, env)));
  }
  const f = percentile(floorMs, 50);
  const c = percentile(cliMs, 50);
  const first = percentile(firstRunMs, 50);
  return { runs, floorMs: round(f, 1), cliMs: round(c, 1), ratio: round(c / f, 2), cliFirstRunMs: round(first, 1), firstRunRatio: round(first / f, 2) };
}

async function withEmptyCache<T>(run: (env: NodeJS.ProcessEnv) => Promise<T>): Promise<T> {
  const cacheHome = mkdtempSync(path.join(tmpdir(), 'starttls-bench-cache-'));
  try {
    return await run({ ...process.env, XDG_CACHE_HOME: cacheHome });
  } finally {
    rmSync(cacheHome, { recursive: true, force: true });
  }
}

function timed([command, ...args]: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { stdio: 'ignore', cwd: ROOT, env });
    child.on('error', reject);
    child.on('exit', () => resolve(performance.now() - start));
  });
}
