import { readFileSync } from 'node:fs';
import { checkRequest, type CheckRequest } from '../check/check-request';
import type { Checker } from '../check/checker';
import { CheckPool } from '../execution/check-pool';
import type { Report } from '../report/types';
import { slackPayload } from '../slack/blocks/slack-payload';
import { resolveMx } from '../target/resolve-mx';
import { bulkProbe } from './bulk-probe';
import { exitStatus } from './exit-status';
import { parseProbeArgs, type ProbeArgs } from './probe-args';
import { renderText } from './render-text';
import { UsageError } from './usage-error';

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
  /** stderr is a terminal: bulk mode draws a progress bar there. */
  errIsTTY?: boolean;
}

/** `starttls probe`: returns the exit status. */
export async function probeCommand(argv: string[], io: Output): Promise<number> {
  const args = parseProbeArgs(argv);
  // Started first, so the worker threads load the engine while this thread reads files and resolves MX.
  const pool = new CheckPool({ concurrency: args.file === undefined ? 1 : args.concurrency });
  try {
    return await probeWith(pool.check, args, io);
  } finally {
    await pool.close({ cancel: true });
  }
}

async function probeWith(check: Checker, args: ProbeArgs, io: Output): Promise<number> {
  const base = toRequest(args);
  if (args.file !== undefined) return bulkProbe({ ...args, file: args.file }, base, io, check);
  const hosts = args.mx ? await mxHosts(args.host, io) : [args.host];
  const reports: Report[] = [];
  for (const host of hosts) {
    io.err(`probing ${host} port ${args.ports.join(', ')}…\n`);
    const report = await check({ ...base, host });
    reports.push(report);
    io.out(args.blocks ? slackPayload(report) : args.json ? `${JSON.stringify(report, null, args.mx ? 0 : 2)}\n` : renderText(report));
  }
  return exitStatus(reports.map((r) => r.verdict));
}

function toRequest(args: ProbeArgs): CheckRequest {
  return checkRequest(args.host, args.ports, {
    expectNames: args.expectNames,
    timeoutMs: args.timeoutMs,
    caPems: args.caFiles.map(readCa),
    implicitTls: args.implicitTls,
    forceStartTls: args.forceStartTls,
    expiryWarningDays: args.expiryWarningDays,
    ...(args.ehloName ? { ehloName: args.ehloName } : {}),
  });
}

function readCa(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read --ca ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

async function mxHosts(domain: string, io: Output): Promise<string[]> {
  try {
    const mx = await resolveMx(domain);
    if (mx.length === 0) throw new UsageError(`${domain} has a null MX: it accepts no mail`);
    io.err(`MX for ${domain}: ${mx.map((m) => `${m.priority} ${m.exchange}`).join(', ')}\n`);
    return mx.map((m) => m.exchange);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`no MX records for ${domain}: ${(err as NodeJS.ErrnoException).code ?? 'lookup failed'}`);
  }
}
