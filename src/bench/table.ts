import type { BenchResults } from './main';
import type { WatchFleet } from './watch-fleet-section';

/** The human-readable summary of one bench run. */
export function resultsTable(r: BenchResults): string {
  const lines = [`starttls-bot bench  ${r.when}  node ${r.node}  ${r.cpus} CPUs  server cert ${r.certificate}`, ''];
  lines.push(row('probes/s, latency', 'conc', 'probes/s', 'p50 ms', 'p99 ms', 'vs floor'));
  for (const e of r.engine) {
    const f = r.floor.find((x) => x.concurrency === e.concurrency)!;
    lines.push(row('floor (node:tls)', f.concurrency, f.perSecond, f.p50Ms, f.p99Ms, '1.00'));
    lines.push(row(`engine via pool (${e.threads} thr)`, e.concurrency, e.perSecond, e.p50Ms, e.p99Ms, (e.perSecond / f.perSecond).toFixed(2)));
  }
  if (r.openssl) {
    const o = r.openssl;
    lines.push(row('openssl s_client/process', o.parallelism, o.spawned.perSecond, o.spawned.p50Ms, o.spawned.p99Ms, ''));
    lines.push(row('  the same, seq | xargs -P', o.parallelism, o.shellLoop.perSecond, '', '', ''));
  }
  else lines.push('openssl: not installed');
  const t = r.tls12;
  lines.push(row('floor, TLS 1.2-only server', 1, t.floor.perSecond, t.floor.p50Ms, t.floor.p99Ms, '1.00'));
  lines.push(row('engine, TLS 1.2-only server', 1, t.engine.perSecond, t.engine.p50Ms, t.engine.p99Ms, (t.engine.perSecond / t.floor.perSecond).toFixed(2)));
  if (r.postfix.skipped) lines.push(`postfix: not driven (${r.postfix.skipped})`);
  for (const e of r.postfix.engine) {
    const f = r.postfix.floor.find((x) => x.concurrency === e.concurrency)!;
    lines.push(row('floor vs Postfix', f.concurrency, f.perSecond, f.p50Ms, f.p99Ms, '1.00'));
    lines.push(row(`engine vs Postfix (${e.threads} thr)`, e.concurrency, e.perSecond, e.p50Ms, e.p99Ms, (e.perSecond / f.perSecond).toFixed(2)));
  }
  lines.push('');
  const p = r.processTime;
  lines.push(`one probe, whole process (median of ${p.runs}): floor script ${p.floorMs} ms, CLI ${p.cliMs} ms, ratio ${p.ratio}; CLI's first run (no code cache yet) ${p.cliFirstRunMs} ms, ratio ${p.firstRunRatio}`);
  for (const m of r.memory) {
    lines.push(`${m.mode}: ${m.probes} tarpitted probes: ${m.idleMb} MB idle, ${m.heldMb} MB resident held (${m.perProbeKb} KB a probe); ${m.completedMb} MB after completing (peak ${m.peakMb} MB; ${m.succeeded} succeeded)`);
  }
  for (const a of r.ack) {
    const load = a.load === 'held' ? 'held on a tarpit' : 'churning against the fast server';
    lines.push(`Slack ack, ${a.inflight} checks in flight (${load}) ${a.mode === 'pool' ? 'through the pool' : 'IN-PROCESS (no pool)'}: p50 ${a.p50Ms} ms, p99 ${a.p99Ms} ms over ${a.requests} signed /starttls (${a.failed} not 200; ${a.checksCompleted} checks done meanwhile)`);
  }
  const c = r.cpuPerCheck;
  lines.push(`CPU per probe/check at concurrency 16 (ms, all threads): floor ${c.floorMs}, probePort ${c.probeMs}, checkTarget ${c.checkMs}, with --protocols ${c.checkWithProtocolsMs}, through the pool ${c.poolMs} (warm), ${c.poolColdMs} over a fresh pool's first 1,000 checks`);
  const s = r.slack;
  lines.push(`Slack /starttls to the report in chat.update (2 ports): p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms over ${s.commands}; bare check ${s.bareCheck.p50Ms} / ${s.bareCheck.p99Ms} ms; bare probe (no version scan) ${s.bareProbe.p50Ms} / ${s.bareProbe.p99Ms} ms`);
  const w = r.wideArea;
  lines.push(`wide area, ${w.targets} targets via --file at ${w.concurrency}, ${w.oneWayMs} ms each way: ${w.perSecond}/s (network bound ${w.networkBoundPerSecond}/s; one probe ${w.singleProbeMs} ms = ${w.roundTrips} round trips), peak RSS ${w.peakRssMb} MB; floor through the same proxy ${w.floor.perSecond}/s`);
  lines.push(...fleetTable(r.watchFleet));
  lines.push('', 'targets:');
  for (const t of r.targets) lines.push(`  ${t.met ? 'MET   ' : 'MISSED'} ${t.name}: ${t.detail}`);
  return lines.join('\n');
}

function row(name: string, ...cells: (string | number)[]): string {
  return name.padEnd(30) + cells.map((c) => String(c).padStart(10)).join('');
}

/** The watch-fleet scenarios, one line each (no targets: the issue sets none). */
export function fleetTable(f: WatchFleet): string[] {
  const lines = [`watch fleet: ${f.plan.watches} watches due within ${f.plan.windowMs / 1000} s, ${f.plan.concurrency} runs at once per replica:`];
  if (f.postgresSkipped) lines.push(`  PostgreSQL: skipped (${f.postgresSkipped})`);
  for (const s of f.scenarios) {
    const pg = s.queriesPerCheck === null ? '' : `, ${s.queriesPerCheck} PG round trips/check`;
    lines.push(
      `  ${s.backend === 'postgres' ? 'PostgreSQL' : 'SQLite'}, ${s.replicas} replica(s): schedule lag p50 ${s.lagP50Ms} ms, p99 ${s.lagP99Ms} ms (max ${s.lagMaxMs}); ${s.checksPerSecond} checks/s (offered ${s.offeredPerSecond}/s); ` +
        `${s.started}/${s.watches} started, ${s.ranTwice} twice; check ${s.checkMsMean} ms, whole run ${s.runMsMean} ms (mean); CPU ${s.replicaCpuMsPerCheck} ms/check${pg}; ${s.outboxRows} Slack messages${s.readyBeforeFirstDue ? '' : '; replicas NOT ready before the first due time'}`,
    );
  }
  return lines;
}
