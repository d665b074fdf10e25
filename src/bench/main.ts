// `npm run bench`: loopback-only benchmark of the engine through the pool against a floor,
// openssl and memory/responsiveness targets (issue 4). Every loop is bounded in count and time.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { ackLatency, type AckLatency } from './ack-latency';
import { heldMemory, type HeldMemory } from './memory';
import type { Sample } from './measure';
import { cliVersusFloor, type ProcessTimes } from './process-time';
import { serverCertificate, type ServerCertificate } from './server-certificate';
import { ServerChild } from './server-child';
import { fleetTable, resultsTable } from './table';
import { cpuPerCheck, type CpuPerCheck } from './cpu-per-check';
import { slackEndToEnd, type SlackEndToEnd } from './slack-end-to-end';
import { wideArea, type WideArea } from './wide-area';
import { opensslBaseline, type OpensslBaseline } from './openssl-baseline';
import { floorAndEngine } from './throughput';
import { postfixSamples, type PostfixSamples } from './postfix-sample';
import { hasCommand } from './tools';
import { watchFleet, type WatchFleet } from './watch-fleet-section';

export interface BenchResults {
  when: string;
  node: string;
  cpus: number;
  certificate: string;
  floor: (Sample & { concurrency: number })[];
  engine: (Sample & { concurrency: number; threads: number })[];
  openssl?: OpensslBaseline;
  postfix: PostfixSamples;
  /** Single probes against a TLS 1.2-only fast server: no session ticket to wait for. */
  tls12: { floor: Sample; engine: Sample & { threads: number } };
  processTime: ProcessTimes;
  memory: (HeldMemory & { mode: string })[];
  ack: AckLatency[];
  cpuPerCheck: CpuPerCheck;
  slack: SlackEndToEnd;
  wideArea: WideArea;
  watchFleet: WatchFleet;
  targets: { name: string; met: boolean; detail: string }[];
}

const CONCURRENCY = [1, 16, 64];
const BOUNDS = { maxRuns: 4000, maxMs: 3000 };
const SINGLE = { maxRuns: 300, maxMs: 2000 };
/** Enough for the pool's two worker isolates to compile the engine's hot code (see throughput.ts). */
const WARM_UP = { maxRuns: 5000, maxMs: 10_000 };
/** For the Postfix and TLS 1.2 comparisons, whose pools start cold too. */
const SHORT_WARM_UP = { maxRuns: 2000, maxMs: 4000 };
const HELD = 1000;
const OPENSSL_BOUNDS = { maxRuns: 1000, maxMs: 4000 };
const ACK_INFLIGHT = 500;
const WIDE = { targets: 2000, concurrency: 500, oneWayMs: 50 };

/** Sections that can run alone (`npm run bench -- --only NAME`), their figures merged into bench-results.json. */
const SECTIONS: Record<string, (log: (text: string) => void) => Promise<Partial<BenchResults>>> = {
  throughput: (log) => withFastServer((port) => floorAndEngineAt(port, log)),
  openssl: (log) => withFastServer(async (port, certificate) => {
    log('openssl');
    return { openssl: await opensslBaseline(port, certificate.cert, 16, OPENSSL_BOUNDS) };
  }),
  'watch-fleet': async (log) => ({ watchFleet: await watchFleet(log) }),
  cpu: (log) => withFastServer(async (port) => {
    log('CPU time per probe and per check');
    return { cpuPerCheck: await cpuPerCheck(port, 600) };
  }),
  memory: async (log) => {
    log(`memory with ${HELD} tarpitted probes`);
    const certificate = serverCertificate();
    return { memory: [{ mode: 'floor', ...(await heldMemory('floor', certificate, HELD)) }, { mode: 'engine via pool', ...(await heldMemory('engine', certificate, HELD)) }] };
  },
  wide: (log) => withFastServer(async (port) => {
    log(`wide area: ${WIDE.targets} targets via --file at concurrency ${WIDE.concurrency}, ${WIDE.oneWayMs} ms each way`);
    return { wideArea: await wideArea(port, WIDE.targets, WIDE.concurrency, WIDE.oneWayMs, 60_000) };
  }),
  process: (log) => withFastServer(async (port) => {
    log('whole-process time');
    return { processTime: await cliVersusFloor(port, 10) };
  }),
};

async function floorAndEngineAt(port: number, log: (text: string) => void): Promise<Pick<BenchResults, 'floor' | 'engine'>> {
  log(`floor and engine: warm-up, then concurrency ${CONCURRENCY.join(', ')} in turns`);
  return floorAndEngine(port, CONCURRENCY, BOUNDS, WARM_UP);
}

/** A section's run against its own fast server, which is stopped after it whatever happens. */
async function withFastServer<T>(run: (port: number, certificate: ServerCertificate) => Promise<T>): Promise<T> {
  const certificate = serverCertificate();
  const server = await ServerChild.start(certificate, false);
  try {
    return await run(server.port, certificate);
  } finally {
    server.stop();
  }
}
const RESULTS_FILE = path.resolve(__dirname, '..', '..', 'bench-results.json');

async function main(): Promise<void> {
  const log = (text: string) => process.stderr.write(`bench: ${text}\n`);
  const only = onlySection(process.argv.slice(2));
  if (only) return runOnly(only, log);
  const certificate = serverCertificate();
  const server = await ServerChild.start(certificate, false);
  try {
    const { floor, engine } = await floorAndEngineAt(server.port, log);
    log('TLS 1.2-only server, concurrency 1');
    const tls12Server = await ServerChild.start(certificate, false, true);
    let tls12: BenchResults['tls12'];
    try {
      const { floor: [floor], engine: [engine] } = await floorAndEngine(tls12Server.port, [1], SINGLE, SHORT_WARM_UP);
      tls12 = { floor, engine };
    } finally {
      tls12Server.stop();
    }
    log('Postfix at concurrency 1 and 16');
    const postfix = await postfixSamples(certificate, [1, 16], BOUNDS, SHORT_WARM_UP);
    log('openssl');
    const openssl = hasCommand('openssl', ['version']) ? await opensslBaseline(server.port, certificate.cert, 16, OPENSSL_BOUNDS) : undefined;
    log('whole-process time');
    const processTime = await cliVersusFloor(server.port, 10);
    log(`memory with ${HELD} tarpitted probes`);
    const memory = [{ mode: 'floor', ...(await heldMemory('floor', certificate, HELD)) }, { mode: 'engine via pool', ...(await heldMemory('engine', certificate, HELD)) }];
    log(`acknowledgement latency with ${ACK_INFLIGHT} checks in flight`);
    const ack = [
      await ackLatency('pool', 'held', server.port, ACK_INFLIGHT, 3000),
      await ackLatency('pool', 'churn', server.port, ACK_INFLIGHT, 3000),
      await ackLatency('inline', 'churn', server.port, ACK_INFLIGHT, 3000),
    ];
    log('CPU time per probe and per check');
    const cpu = await cpuPerCheck(server.port, 600);
    log('Slack end to end: signed /starttls until the report lands in chat.update');
    const second = await ServerChild.start(certificate, false);
    let slack: SlackEndToEnd;
    try {
      slack = await slackEndToEnd([server.port, second.port], 100, 30_000);
    } finally {
      second.stop();
    }
    log(`wide area: ${WIDE.targets} targets via --file at concurrency ${WIDE.concurrency}, ${WIDE.oneWayMs} ms each way`);
    const wide = await wideArea(server.port, WIDE.targets, WIDE.concurrency, WIDE.oneWayMs, 60_000);
    log('watch fleet (own fast server, PostgreSQL under scripts/with-postgres.sh, then SQLite)');
    const fleet = await watchFleet(log);
    const results: BenchResults = {
      when: new Date().toISOString(),
      node: process.version,
      cpus: availableParallelism(),
      certificate: certificate.kind,
      floor,
      engine,
      openssl,
      postfix,
      tls12,
      processTime,
      memory,
      ack,
      cpuPerCheck: cpu,
      slack,
      wideArea: wide,
      watchFleet: fleet,
      targets: [],
    };
    results.targets = judge(results);
    writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`${resultsTable(results)}\n\nwritten: ${RESULTS_FILE}\n`);
  } finally {
    server.stop();
  }
}

function onlySection(args: string[]): string | undefined {
  const i = args.indexOf('--only');
  if (i < 0) return undefined;
  const name = args[i + 1];
  if (!name || !(name in SECTIONS)) throw new Error(`--only takes one of: ${Object.keys(SECTIONS).join(', ')}`);
  return name;
}

/** One section alone: its figures replace that section's in bench-results.json, the rest is kept. */
async function runOnly(name: string, log: (text: string) => void): Promise<void> {
  const figures = await SECTIONS[name](log);
  const previous = existsSync(RESULTS_FILE) ? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Partial<BenchResults>) : {};
  writeFileSync(RESULTS_FILE, `${JSON.stringify({ ...previous, ...figures }, null, 2)}\n`);
  if (figures.watchFleet) process.stdout.write(`${fleetTable(figures.watchFleet).join('\n')}\n`);
  if (figures.cpuPerCheck) process.stdout.write(`${JSON.stringify(figures.cpuPerCheck)}\n`);
  for (const e of figures.engine ?? []) {
    const f = figures.floor!.find((x) => x.concurrency === e.concurrency)!;
    process.stdout.write(`concurrency ${e.concurrency}: floor ${f.perSecond}/s (p50 ${f.p50Ms} ms), engine ${e.perSecond}/s (p50 ${e.p50Ms} ms, ${e.threads} thread(s)): ${(e.perSecond / f.perSecond).toFixed(2)}\n`);
  }
  for (const part of [figures.memory, figures.wideArea, figures.processTime, figures.openssl]) if (part) process.stdout.write(`${JSON.stringify(part, null, 2)}\n`);
  process.stdout.write(`\nwritten (section ${name} only): ${RESULTS_FILE}\n`);
}

function judge(r: BenchResults): BenchResults['targets'] {
  const targets: BenchResults['targets'] = [];
  for (const e of r.engine) {
    const f = r.floor.find((x) => x.concurrency === e.concurrency)!;
    const ratio = e.perSecond / f.perSecond;
    targets.push({ name: `engine >= 80% of floor at concurrency ${e.concurrency}`, met: ratio >= 0.8, detail: `${(ratio * 100).toFixed(0)}% (${e.perSecond} vs ${f.perSecond}/s)` });
  }
  if (r.openssl) {
    const o = r.openssl;
    const best = Math.max(...r.engine.filter((e) => e.concurrency >= 16).map((e) => e.perSecond));
    const at16 = r.engine.find((e) => e.concurrency === 16)!.perSecond;
    // Within 10%: the two loops run one after the other on a shared machine.
    targets.push({ name: 'openssl baseline from Node at least as fast as the shell loop (within 10%)', met: o.spawned.perSecond >= 0.9 * o.shellLoop.perSecond, detail: `${o.spawned.perSecond}/s spawned vs ${o.shellLoop.perSecond}/s from seq | xargs -P ${o.parallelism}` });
    targets.push({ name: 'engine >= 2x openssl per-process loop', met: at16 >= 2 * o.spawned.perSecond, detail: `${(at16 / o.spawned.perSecond).toFixed(2)}x at 16 (best ${(best / o.spawned.perSecond).toFixed(2)}x)` });
  }
  targets.push({ name: 'single CLI probe <= 1.5x floor script', met: r.processTime.ratio <= 1.5, detail: `${r.processTime.ratio}x (${r.processTime.cliMs} vs ${r.processTime.floorMs} ms)` });
  const engineMemory = r.memory.find((m) => m.mode !== 'floor')!;
  targets.push({ name: `< 250 MB with ${HELD} tarpitted probes`, met: engineMemory.heldMb < 250, detail: `${engineMemory.heldMb} MB held, peak ${engineMemory.peakMb} MB` });
  const floorMemory = r.memory.find((m) => m.mode === 'floor')!;
  const held = engineMemory.heldMb / floorMemory.heldMb;
  const completed = engineMemory.completedMb / floorMemory.completedMb;
  targets.push({ name: `memory <= 1.5x the floor with ${HELD} tarpitted probes, held and after completing`, met: held <= 1.5 && completed <= 1.5, detail: `${held.toFixed(2)}x held (${engineMemory.heldMb} vs ${floorMemory.heldMb} MB), ${completed.toFixed(2)}x after (${engineMemory.completedMb} vs ${floorMemory.completedMb} MB); idle ${engineMemory.idleMb} vs ${floorMemory.idleMb} MB, per held probe ${engineMemory.perProbeKb} vs ${floorMemory.perProbeKb} KB` });
  for (const a of r.ack.filter((x) => x.mode === 'pool')) {
    const name = `Slack ack p99 < 100 ms with ${ACK_INFLIGHT} checks in flight (pool, ${a.load === 'held' ? 'held on a tarpit' : 'churning'})`;
    targets.push({ name, met: a.p99Ms < 100, detail: `p50 ${a.p50Ms} ms, p99 ${a.p99Ms} ms` });
  }
  const s = r.slack;
  targets.push({ name: 'Slack /starttls to the report in chat.update, p50 <= bare check + 50 ms', met: s.failed === 0 && s.p50Ms <= s.bareCheck.p50Ms + 50, detail: `p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms over ${s.commands} commands (${s.failed} failed); bare check ${s.bareCheck.p50Ms} / ${s.bareCheck.p99Ms} ms, bare probe without the version scan ${s.bareProbe.p50Ms} ms` });
  const w = r.wideArea;
  targets.push({ name: `wide area (${w.oneWayMs} ms each way): >= 90% of concurrency / (round trips x RTT)`, met: w.succeeded === w.targets && w.perSecond >= 0.9 * w.networkBoundPerSecond, detail: `${w.perSecond}/s vs ${w.networkBoundPerSecond}/s (${((w.perSecond / w.networkBoundPerSecond) * 100).toFixed(0)}%; ${w.roundTrips} round trips, ${w.succeeded}/${w.targets} succeeded), peak RSS ${w.peakRssMb} MB; the floor through the same proxy ${w.floor.perSecond}/s (engine ${((w.perSecond / w.floor.perSecond) * 100).toFixed(0)}% of it)` });
  return targets;
}

main().catch((err: Error) => {
  process.stderr.write(`bench failed: ${err.stack ?? err.message}\n`);
  process.exitCode = 1;
});
