import { getEventListeners } from 'node:events';
import * as path from 'node:path';
import { checkRequest, type CheckRequest } from '../../src/check/check-request';
import { PoolBusyError } from '../../src/check/checker';
import { CheckPool } from '../../src/execution/check-pool';
import type { CheckPoolOptions } from '../../src/execution/pool-options';
import { CheckCancelledError, PoolClosedError } from '../../src/execution/errors';
import type { PortReport } from '../../src/report/types';
import { assertDistBuilt } from '../helpers/dist-build';
import { startSmtpServer } from '../helpers/smtp-server';
import { startHoldingServer, waitFor, type HoldingServer } from './holding-server';

const MISBEHAVING_WORKER = path.join(__dirname, 'fixtures', 'misbehaving-worker.js');

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
beforeAll(assertDistBuilt);

function pool(options: CheckPoolOptions): CheckPool {
  const p = new CheckPool(options);
  cleanups.push(() => p.close({ cancel: true }));
  return p;
}

async function holding(host?: string): Promise<HoldingServer> {
  const s = await startHoldingServer(host);
  cleanups.push(() => s.close());
  return s;
}

async function smtp(options: Parameters<typeof startSmtpServer>[0] = {}) {
  const s = await startSmtpServer({ name: 'mx.example.test', ...options });
  cleanups.push(() => s.close());
  return s;
}

function request(port: number, overrides: Partial<CheckRequest> = {}): CheckRequest {
  return checkRequest('127.0.0.1', [port], { timeoutMs: 10_000, ...overrides });
}

describe('CheckPool', () => {
  it('runs a whole check in a worker and reports each port through onPort before resolving', async () => {
    const [a, b] = [await smtp(), await smtp({ hideSTARTTLS: true })];
    const p = pool({ concurrency: 2 });
    const seen: PortReport[] = [];
    const report = await p.check(checkRequest('127.0.0.1', [a.port, b.port]), { onPort: (port) => seen.push(port) });
    expect(report.ports.map((r) => r.port)).toEqual([a.port, b.port]);
    expect(report.ports[0].starttls.succeeded).toBe(true);
    expect(report.ports[0].certificate?.selfSigned).toBe(true);
    expect(report.findings.map((f) => f.id)).toContain('starttls-not-advertised');
    expect(seen.map((r) => r.port).sort()).toEqual([a.port, b.port].sort());
    expect(seen.find((r) => r.port === b.port)).toEqual(report.ports[1]);
  });

  it('runs at most `concurrency` checks at once and queues the rest', async () => {
    const server = await holding();
    const p = pool({ concurrency: 2, perDestination: 10 });
    const checks = [1, 2, 3, 4].map(() => p.check(request(server.port)));
    await waitFor(() => server.open === 2, 'two connections');
    await new Promise((r) => setTimeout(r, 200));
    expect(p.stats()).toMatchObject({ running: 2, queued: 2 });
    server.release();
    const reports = await Promise.all(checks);
    expect(reports.every((r) => r.ports[0].banner?.[0] === 'hold.example.test ESMTP')).toBe(true);
    expect(server.accepted).toBe(4);
    expect(server.maxOpen).toBe(2);
  });

  it('holds a busy destination at its own limit while other destinations go ahead', async () => {
    const busy = await holding('127.0.0.1');
    const other = await holding('127.0.0.2');
    other.release();
    const p = pool({ concurrency: 8, perDestination: 1 });
    const held = [1, 2, 3].map(() => p.check(request(busy.port)));
    await waitFor(() => busy.open === 1, 'one connection to the busy host');
    const passed = await p.check(checkRequest('127.0.0.2', [other.port], { timeoutMs: 10_000 }));
    expect(passed.ports[0].banner).toEqual(['hold.example.test ESMTP']);
    expect(p.stats()).toMatchObject({ running: 1, queued: 2 });
    busy.release();
    await Promise.all(held);
    expect(busy.accepted).toBe(3);
    expect(busy.maxOpen).toBe(1);
  });

  it('answers POOL_BUSY at once when the queue is full instead of growing it', async () => {
    const server = await holding();
    const p = pool({ concurrency: 1, perDestination: 1, maxQueue: 1 });
    const running = p.check(request(server.port));
    const queued = p.check(request(server.port));
    const refused = p.check(request(server.port));
    await expect(refused).rejects.toBeInstanceOf(PoolBusyError);
    await expect(refused).rejects.toMatchObject({ code: 'POOL_BUSY' });
    server.release();
    await expect(Promise.all([running, queued])).resolves.toHaveLength(2);
    expect(server.accepted).toBe(2);
  });

  it('cancels a running check: the caller is answered at once and the worker closes the connection', async () => {
    const server = await holding();
    const p = pool({ concurrency: 2 });
    const controller = new AbortController();
    const check = p.check(request(server.port, { timeoutMs: 20_000 }), { signal: controller.signal });
    await waitFor(() => server.open === 1, 'the probe to connect');
    controller.abort();
    await expect(check).rejects.toBeInstanceOf(CheckCancelledError);
    await waitFor(() => server.open === 0, 'the worker to hang up');
    await waitFor(() => p.stats().running === 0, 'the slot to be released');
  });

  it('stops a check cancelled after it was handed to a worker but before the worker started it', async () => {
    const server = await holding();
    // A new pool's thread is still starting: the check waits in piscina for it, not in the admission queue.
    const p = pool({ concurrency: 2 });
    const controller = new AbortController();
    const check = p.check(request(server.port, { timeoutMs: 20_000 }), { signal: controller.signal });
    await new Promise((r) => setImmediate(r));
    expect(p.stats()).toMatchObject({ running: 1, queued: 0 });
    controller.abort();
    await expect(check).rejects.toBeInstanceOf(CheckCancelledError);
    // Lost, the cancellation would leave the check held by the server for its 20 s.
    await waitFor(() => p.stats().running === 0, 'the check to wind down');
    expect(server.open).toBe(0);
  });

  it('cancels a queued check before it ever connects', async () => {
    const server = await holding();
    const p = pool({ concurrency: 1 });
    const first = p.check(request(server.port));
    await waitFor(() => server.open === 1, 'the first probe to connect');
    const controller = new AbortController();
    const second = p.check(request(server.port), { signal: controller.signal });
    controller.abort();
    await expect(second).rejects.toMatchObject({ code: 'CHECK_CANCELLED' });
    server.release();
    await first;
    expect(server.accepted).toBe(1);
  });

  it("ignores a caller's cancel that comes after its check finished, even when the next check has its slot", async () => {
    const server = await holding();
    server.release();
    const p = pool({ concurrency: 1, threads: 1 });
    const controller = new AbortController();
    await p.check(request(server.port), { signal: controller.signal });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    const held = await holding();
    const next = p.check(request(held.port));
    // Before the worker has started it (its slot's abort flag) and once it runs (the abort message).
    await new Promise((r) => setImmediate(r));
    controller.abort();
    await waitFor(() => held.open === 1, 'the next check to connect');
    controller.signal.dispatchEvent(new Event('abort'));
    held.release();
    const report = await next;
    expect(report.ports[0].error).toBeUndefined();
    expect(report.ports[0].banner).toEqual(['hold.example.test ESMTP']);
  });

  it("honours the engine's deadline inside the worker", async () => {
    const server = await holding();
    const p = pool({ concurrency: 1 });
    const report = await p.check(request(server.port, { timeoutMs: 300 }));
    expect(report.ports[0].error).toMatchObject({ code: 'PROBE_TIMEOUT', step: 'greeting' });
  });

  it('turns a check that throws into an unknown report and keeps serving', async () => {
    const server = await smtp();
    const p = pool({ concurrency: 2, workerFile: MISBEHAVING_WORKER });
    const failed = await p.check(request(server.port, { ehloName: 'throw.worker.test' }));
    expect(failed.verdict).toBe('unknown');
    expect(failed.ports[0].error?.message).toBe('check failed: Error: boom in the check');
    const next = await p.check(request(server.port));
    expect(next.ports[0].starttls.succeeded).toBe(true);
  });

  it('costs a dying worker only its own check: the checks sharing its thread are re-run and succeed', async () => {
    // Greets after 400 ms, so every check is still in flight when the worker dies at 150 ms.
    const server = await smtp({ onConnect: (_session, callback) => void setTimeout(callback, 400) });
    const p = pool({ concurrency: 4, perDestination: 4, threads: 1, workerFile: MISBEHAVING_WORKER });
    const neighbours = [1, 2, 3].map(() => p.check(request(server.port)));
    const dying = p.check(request(server.port, { ehloName: 'die.worker.test' }));
    const died = await dying;
    expect(died.verdict).toBe('unknown');
    expect(died.ports[0].error?.message).toMatch(/^worker crashed: worker died mid-check/);
    for (const report of await Promise.all(neighbours)) {
      expect(report.verdict).not.toBe('unknown');
      expect(report.ports[0].starttls.succeeded).toBe(true);
    }
    const after = await p.check(request(server.port));
    expect(after.ports[0].starttls.succeeded).toBe(true);
  });

  it('replaces a hung worker once a check overruns its deadline by the grace period', async () => {
    const server = await smtp();
    const p = pool({ concurrency: 2, threads: 1, watchdogGraceMs: 300, workerFile: MISBEHAVING_WORKER });
    const hung = await p.check(request(server.port, { ehloName: 'hang.worker.test', timeoutMs: 300 }));
    expect(hung.verdict).toBe('unknown');
    expect(hung.ports[0].error?.message).toMatch(/^worker unresponsive: no result within 600 ms/);
    const next = await p.check(request(server.port));
    expect(next.ports[0].starttls.succeeded).toBe(true);
  });

  it('on close, finishes accepted checks and refuses new ones', async () => {
    const server = await holding();
    const p = new CheckPool({ concurrency: 1 });
    const running = p.check(request(server.port));
    const queued = p.check(request(server.port));
    await waitFor(() => server.open === 1, 'the probe to connect');
    const closed = p.close();
    await expect(p.check(request(server.port))).rejects.toBeInstanceOf(PoolClosedError);
    server.release();
    const reports = await Promise.all([running, queued]);
    expect(reports.every((r) => r.ports[0].error === undefined)).toBe(true);
    await closed;
    expect(server.accepted).toBe(2);
  });

  it('on close with cancel, drops queued checks, stops running ones and hangs up', async () => {
    const server = await holding();
    const p = new CheckPool({ concurrency: 1 });
    const running = p.check(request(server.port, { timeoutMs: 20_000 }));
    const queued = p.check(request(server.port));
    await waitFor(() => server.open === 1, 'the probe to connect');
    const outcomes = Promise.allSettled([running, queued]);
    await p.close({ cancel: true });
    for (const outcome of await outcomes) expect(outcome).toMatchObject({ status: 'rejected', reason: { code: 'POOL_CLOSED' } });
    await waitFor(() => server.open === 0, 'the connection to be closed');
    expect(server.accepted).toBe(1);
  });
});

describe('CheckPool in inline mode', () => {
  it('runs the check on the calling thread with the same limits, and starts no thread', async () => {
    const server = await holding();
    const s = await smtp({ hideSTARTTLS: true });
    const p = pool({ inline: true, concurrency: 1, maxQueue: 0 });
    expect(p.stats().threads).toBe(0);
    const held = p.check(request(server.port, { timeoutMs: 60_000 }));
    await waitFor(() => server.open === 1, 'one connection');
    await expect(p.check(request(s.port))).rejects.toBeInstanceOf(PoolBusyError);
    await p.close({ cancel: true });
    await expect(held).rejects.toBeInstanceOf(PoolClosedError);
    const fresh = pool({ inline: true });
    const report = await fresh.check(request(s.port));
    expect(report.findings.map((f) => f.id)).toContain('starttls-not-advertised');
  });
});
