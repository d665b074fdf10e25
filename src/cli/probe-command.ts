import { readFileSync } from 'node:fs';
import { checkRequest, type CheckRequest } from '../check/check-request';
import type { Checker } from '../check/checker';
import { DEFAULT_MAX_HOSTS } from '../domain-policy/check-domain';
import { CheckPool } from '../execution/check-pool';
import { slackPayload } from '../slack/blocks/slack-payload';
import { bulkProbe } from './bulk-probe';
import { exitStatus } from './exit-status';
import { mxCommand } from './mx-command';
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
  const pool = new CheckPool({ concurrency: args.file !== undefined ? args.concurrency : args.mx ? DEFAULT_MAX_HOSTS : 1 });
  try {
    return await probeWith(pool.check, args, io);
  } finally {
    await pool.close({ cancel: true });
  }
}

async function probeWith(check: Checker, args: ProbeArgs, io: Output): Promise<number> {
  const base = toRequest(args);
  if (args.file !== undefined) return bulkProbe({ ...args, file: args.file }, base, io, check);
  if (args.mx) return mxCommand(args, base, io, check);
  io.err(`probing ${args.host} port ${args.ports.join(', ')}…\n`);
  const report = await check(base);
  io.out(args.blocks ? slackPayload(report) : args.json ? `${JSON.stringify(report, null, 2)}\n` : renderText(report));
  return exitStatus([report.verdict]);
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
