import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { checkRequest } from '../check/check-request';
import { checkTarget } from '../check/check-target';
import { Child } from './child';
import { percentile, round } from './measure';
import { signedSlashCommand } from './slack-command';

export interface SlackEndToEnd {
  commands: number;
  /** Commands whose report never reached chat.update within the per-command bound. */
  failed: number;
  /** Signed /starttls sent until the chat.update carrying the report reached the Web API stand-in. */
  p50Ms: number;
  p99Ms: number;
  /** The same two ports checked in this process with the work the bot asks for (TLS versions scanned). */
  bareCheck: { p50Ms: number; p99Ms: number };
  /** The two ports without the version scan (what `starttls probe` does by default). */
  bareProbe: { p50Ms: number; p99Ms: number };
}

const PER_COMMAND_MS = 15_000;
/** The report's fallback text starts with the verdict; progress updates start with "Probing". */
const REPORT_TEXT = /^(OK|WARNING|CRITICAL|UNKNOWN) /;

/**
 * What a Slack user waits for: signed `/starttls 127.0.0.1 <a> <b>` commands, one after the other,
 * to the real app in its own process, each timed until the Web API stand-in here receives the
 * chat.update that carries the report. Beside it, the bare check of the same ports in this process.
 */
export async function slackEndToEnd(ports: [number, number], commands: number, maxMs: number): Promise<SlackEndToEnd> {
  const standIn = await recordingWebApi();
  const app = new Child('slack-e2e-app.js', [standIn.apiUrl, ports.join(',')]);
  try {
    const { port } = await app.next<{ port: number }>('listening');
    const latencies: number[] = [];
    let failed = 0;
    const end = performance.now() + maxMs;
    for (let n = 0; n < commands && performance.now() < end; n++) {
      const { body, headers } = signedSlashCommand(`127.0.0.1 ${ports.join(' ')}`, standIn.responseUrl, n);
      const start = performance.now();
      const report = standIn.nextReport(PER_COMMAND_MS);
      const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers, body });
      await res.text();
      if (res.status === 200 && (await report)) latencies.push(performance.now() - start);
      else failed += 1;
    }
    return { commands: latencies.length + failed, failed, ...quantiles(latencies), bareCheck: await bare(ports, true, commands, maxMs), bareProbe: await bare(ports, false, commands, maxMs) };
  } finally {
    await app.ask({ type: 'stop' }, 30_000).catch(() => undefined);
    app.stop();
    await standIn.close();
  }
}

async function bare(ports: [number, number], protocols: boolean, runs: number, maxMs: number): Promise<{ p50Ms: number; p99Ms: number }> {
  const request = checkRequest('127.0.0.1', ports, { timeoutMs: 10_000, protocols });
  await checkTarget(request);
  const latencies: number[] = [];
  const end = performance.now() + maxMs;
  for (let n = 0; n < runs && performance.now() < end; n++) {
    const start = performance.now();
    await checkTarget(request);
    latencies.push(performance.now() - start);
  }
  return quantiles(latencies);
}

function quantiles(latencies: number[]): { p50Ms: number; p99Ms: number } {
  return { p50Ms: round(percentile(latencies, 50), 1), p99Ms: round(percentile(latencies, 99), 1) };
}

/** A Web API stand-in that answers `ok` (with a fresh ts per message) and tells when a report lands in chat.update. */
async function recordingWebApi(): Promise<{ apiUrl: string; responseUrl: string; nextReport: (timeoutMs: number) => Promise<boolean>; close: () => Promise<void> }> {
  let ts = 0;
  let waiting: ((landed: boolean) => void) | undefined;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      ts += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true, ts: `${ts}.000100`, channel: 'C0BENCH01' }));
      if (req.url?.endsWith('/chat.update') && REPORT_TEXT.test(messageText(Buffer.concat(chunks).toString('utf8')))) {
        waiting?.(true);
        waiting = undefined;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}/api/`,
    responseUrl: `${base}/response/cmd`,
    nextReport: (timeoutMs) =>
      new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        waiting = (landed) => (clearTimeout(timer), resolve(landed));
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function messageText(body: string): string {
  try {
    return (JSON.parse(body) as { text?: string }).text ?? '';
  } catch {
    return new URLSearchParams(body).get('text') ?? '';
  }
}
