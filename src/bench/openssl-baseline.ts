import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Child } from './child';
import { round, type LoopBounds, type Sample } from './measure';

/** The name on the bench certificate, sent as SNI like a sender would. */
const SERVERNAME = 'bench.starttls.test';

export interface OpensslBaseline {
  parallelism: number;
  /** One `openssl s_client` per probe, spawned from Node with every stdio stream closed at spawn. */
  spawned: Sample;
  /** The same command from a shell loop (`seq | xargs -P`), the reference a user would run. */
  shellLoop: { runs: number; seconds: number; perSecond: number };
}

/**
 * `openssl s_client -starttls smtp` with the certificate verified against the bench CA, one process
 * per probe, stdin at end-of-file from the start (as `</dev/null`): the client does EHLO, STARTTLS and
 * the handshake, then sees EOF and quits. Nothing is written to it and no pipe is waited on, and the
 * clients are spawned from a small process of their own (`openssl-spawner.ts`), so the figure is
 * openssl's, not the harness's.
 */
export async function opensslBaseline(port: number, certificatePem: string, parallelism: number, bounds: LoopBounds): Promise<OpensslBaseline> {
  const dir = mkdtempSync(path.join(tmpdir(), 'starttls-bench-openssl-'));
  try {
    const caFile = path.join(dir, 'ca.pem');
    writeFileSync(caFile, certificatePem);
    const args = opensslArgs(port, caFile);
    const spawner = new Child('openssl-spawner.js');
    let spawned: Sample;
    try {
      spawned = (await spawner.ask<{ sample: Sample }>({ type: 'run', args, parallelism, bounds } as { type: string }, bounds.maxMs + 30_000)).sample;
    } finally {
      spawner.stop();
    }
    const shellLoop = await shellLoopSample(args, parallelism, Math.min(300, bounds.maxRuns), bounds.maxMs * 3);
    return { parallelism, spawned, shellLoop };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function opensslArgs(port: number, caFile: string): string[] {
  return ['s_client', '-starttls', 'smtp', '-connect', `127.0.0.1:${port}`, '-servername', SERVERNAME, '-CAfile', caFile, '-verify_return_error'];
}

/** `seq runs | xargs -P parallelism -I{} sh -c 'openssl … </dev/null >/dev/null 2>&1'`, timed as a whole. */
function shellLoopSample(args: string[], parallelism: number, runs: number, timeoutMs: number): Promise<OpensslBaseline['shellLoop']> {
  const command = `seq ${runs} | xargs -P ${parallelism} -I{} sh -c 'openssl ${args.join(' ')} </dev/null >/dev/null 2>&1'`;
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn('sh', ['-c', command], { stdio: 'ignore', detached: true });
    // The whole group, so a stuck loop leaves no openssl behind.
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const seconds = (performance.now() - start) / 1000;
      if (code !== 0) reject(new Error(`shell loop exited ${code}`));
      else resolve({ runs, seconds: round(seconds, 2), perSecond: round(runs / seconds, 0) });
    });
  });
}
