import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { percentile, round } from './measure';

export interface ProcessTimes {
  runs: number;
  floorMs: number;
  cliMs: number;
  ratio: number;
}

const ROOT = path.resolve(__dirname, '..', '..');

/** Whole-process time, start to exit, of one CLI probe and of the floor script, alternating; medians. */
export async function cliVersusFloor(port: number, runs: number): Promise<ProcessTimes> {
  const floor = [process.execPath, path.join(__dirname, 'floor-cli.js'), '127.0.0.1', String(port)];
  const cli = [process.execPath, path.join(ROOT, 'bin', 'starttls.js'), 'probe', '127.0.0.1', String(port)];
  const floorMs: number[] = [];
  const cliMs: number[] = [];
  await timed(floor);
  await timed(cli);
  for (let i = 0; i < runs; i++) {
    floorMs.push(await timed(floor));
    cliMs.push(await timed(cli));
  }
  const f = percentile(floorMs, 50);
  const c = percentile(cliMs, 50);
  return { runs, floorMs: round(f, 1), cliMs: round(c, 1), ratio: round(c / f, 2) };
}

function timed([command, ...args]: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { stdio: 'ignore', cwd: ROOT });
    child.on('error', reject);
    child.on('exit', () => resolve(performance.now() - start));
  });
}
