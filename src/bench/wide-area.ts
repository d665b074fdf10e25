import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startLatencyProxy } from './latency-proxy';
import { round } from './measure';

export interface WideArea {
  targets: number;
  concurrency: number;
  /** Added in each direction by the proxy. */
  oneWayMs: number;
  /** One probe at a time through the proxy, median of a few reports' durationMs: round trips × RTT as the engine meets them. */
  singleProbeMs: number;
  roundTrips: number;
  succeeded: number;
  seconds: number;
  perSecond: number;
  /** concurrency ÷ singleProbeMs: what the network allows. */
  networkBoundPerSecond: number;
  /**
   * The floor (bare node:tls, one process) over the same file at the same concurrency through the same
   * proxy: what the machine allows a minimal client, with the server and the proxy on the same cores.
   */
  floor: { succeeded: number; seconds: number; perSecond: number };
  /** A run of the CLI with an empty target file. */
  startUpMs: number;
  peakRssMb: number;
}

const CLI = path.resolve(__dirname, '..', '..', 'bin', 'starttls.js');
const HOSTS = 250;

/**
 * `starttls probe --file` over `targets` lines at `concurrency`, every connection through a proxy
 * adding `oneWayMs` each way in front of the fast server; the CLI's peak resident memory is read
 * from /proc while it runs. Bounded by maxMs (the CLI is killed after it).
 */
export async function wideArea(serverPort: number, targets: number, concurrency: number, oneWayMs: number, maxMs: number): Promise<WideArea> {
  const addresses = Array.from({ length: HOSTS }, (_, i) => `127.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}`);
  const proxy = await startLatencyProxy(serverPort, addresses, oneWayMs);
  const dir = mkdtempSync(path.join(tmpdir(), 'starttls-bench-wide-'));
  try {
    const at = (i: number) => proxy.listeners[i % proxy.listeners.length];
    const file = path.join(dir, 'targets.txt');
    const single = path.join(dir, 'single.txt');
    writeFileSync(file, Array.from({ length: targets }, (_, i) => `${at(i).address}:${at(i).port}`).join('\n') + '\n');
    writeFileSync(single, `${at(0).address}:${at(0).port}\n`);
    // The check's own duration from its report: a whole run less an empty run's start-up was too noisy.
    const singles: number[] = [];
    for (let i = 0; i < 3; i++) singles.push(...(await runCli(single, 1, 30_000)).durationsMs);
    const startUp = (await runCli(path.join(dir, 'none.txt'), 1, 30_000, '# nothing\n')).seconds * 1000;
    const singleProbeMs = Math.max(1, median(singles));
    const run = await runCli(file, concurrency, maxMs);
    const floor = await runFloor(file, concurrency, maxMs);
    const networkBoundPerSecond = round((concurrency * 1000) / singleProbeMs, 0);
    return {
      targets,
      concurrency,
      oneWayMs,
      singleProbeMs: round(singleProbeMs, 0),
      roundTrips: round(singleProbeMs / (2 * oneWayMs), 1),
      succeeded: run.succeeded,
      seconds: round(run.seconds, 2),
      // Less the CLI's start-up, which a single run shows apart.
      perSecond: round(run.succeeded / Math.max(0.001, run.seconds - startUp / 1000), 0),
      startUpMs: round(startUp, 0),
      networkBoundPerSecond,
      peakRssMb: run.peakRssMb,
      floor: { succeeded: floor.succeeded, seconds: round(floor.seconds, 2), perSecond: round(floor.succeeded / Math.max(0.001, floor.seconds), 0) },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await proxy.close();
  }
}

async function runCli(file: string, concurrency: number, maxMs: number, content?: string): Promise<{ seconds: number; succeeded: number; peakRssMb: number; durationsMs: number[] }> {
  if (content !== undefined) writeFileSync(file, content);
  const start = performance.now();
  const child = spawn(process.execPath, [CLI, 'probe', '--file', file, '--concurrency', String(concurrency), '--json', '--timeout', '20000'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  let peakKb = 0;
  const sample = setInterval(() => (peakKb = Math.max(peakKb, highWaterKb(child.pid!))), 100);
  const kill = setTimeout(() => child.kill('SIGKILL'), maxMs);
  await new Promise<void>((resolve) => child.on('close', () => resolve()));
  clearInterval(sample);
  clearTimeout(kill);
  const seconds = (performance.now() - start) / 1000;
  const reports = out.split('\n').filter((line) => line.startsWith('{')).map(parsed);
  const succeeded = reports.filter((r) => r?.ports?.[0]?.starttls?.succeeded === true).length;
  const durationsMs = reports.flatMap((r) => (typeof r?.durationMs === 'number' ? [r.durationMs] : []));
  return { seconds, succeeded, peakRssMb: round(peakKb / 1024, 0), durationsMs };
}

/** The floor over the same file, in its own process; its start-up (no engine, no commander) is left in. */
async function runFloor(file: string, concurrency: number, maxMs: number): Promise<{ seconds: number; succeeded: number }> {
  const start = performance.now();
  const child = spawn(process.execPath, [path.join(__dirname, 'floor-bulk.js'), file, String(concurrency)], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const kill = setTimeout(() => child.kill('SIGKILL'), maxMs);
  await new Promise<void>((resolve) => child.on('close', () => resolve()));
  clearTimeout(kill);
  return { seconds: (performance.now() - start) / 1000, succeeded: Number(out.trim()) || 0 };
}

interface ReportLine {
  durationMs?: number;
  ports?: { starttls?: { succeeded?: boolean } }[];
}

function parsed(line: string): ReportLine | undefined {
  try {
    return JSON.parse(line) as ReportLine;
  } catch {
    return undefined;
  }
}

/** VmHWM: the process's peak resident set so far (0 once it is gone). */
function highWaterKb(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
