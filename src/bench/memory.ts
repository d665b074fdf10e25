import { Child } from './child';
import type { ServerCertificate } from './server-certificate';
import { ServerChild } from './server-child';

export interface HeldMemory {
  probes: number;
  /** Resident set of the probing process before any probe: Node, the modules and (engine) the pool's worker threads. */
  idleMb: number;
  /** (held - idle) / probes: what each held probe adds. */
  perProbeKb: number;
  /** Resident set of the probing process with every connection held by the tarpit. */
  heldMb: number;
  /** After the tarpit lets them all complete: resident then, and the process's peak. */
  completedMb: number;
  peakMb: number;
  succeeded: number;
}

const MB = 1024 * 1024;

/** `count` probes held open by a server that never greets, in a fresh process; then released to complete. */
export async function heldMemory(mode: 'engine' | 'floor', certificate: ServerCertificate, count: number): Promise<HeldMemory> {
  const tarpit = await ServerChild.start(certificate, true);
  const prober = new Child('hold-probes.js', [mode, String(tarpit.port), String(count)]);
  const idleSoon = prober.next<{ rss: number }>('idle');
  try {
    // Once the pool's threads have loaded the engine: the fixed cost is read apart from the per-probe one.
    const idle = await idleSoon;
    prober.send({ type: 'go' });
    await until(async () => (await tarpit.count()).open >= count, 30_000);
    await new Promise((r) => setTimeout(r, 500));
    const held = await prober.ask<{ rss: number }>({ type: 'rss' });
    const done = prober.next<{ rss: number; maxRss: number; succeeded: number }>('done', 60_000);
    tarpit.release();
    const after = await done;
    return { probes: count, idleMb: mb(idle.rss), perProbeKb: Math.round((held.rss - idle.rss) / count / 1024), heldMb: mb(held.rss), completedMb: mb(after.rss), peakMb: mb(after.maxRss), succeeded: after.succeeded };
  } finally {
    prober.stop();
    tarpit.stop();
  }
}

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('bench: the tarpit never saw every connection');
    await new Promise((r) => setTimeout(r, 100));
  }
}

function mb(bytes: number): number {
  return Math.round(bytes / MB);
}
