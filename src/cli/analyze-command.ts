import { open } from 'node:fs/promises';
import { analyzeExchangeText, NOTHING_RECOGNISED } from '../exchange-config/analyze';
import { decodePastedBytes } from '../exchange-config/decode-text';
import { analysisJson } from '../exchange-config/json-output';
import { asProbeReport } from '../exchange-config/probe-report';
import { renderAnalysisText } from '../plain-text/exchange-analysis-text';
import type { Report } from '../report/types';
import { toAnalyzeArgs } from './analyze-args';
import { analyzeSpec } from './analyze-spec';
import { parseWith } from './parse-with';
import { EXIT, exitStatus } from './exit-status';
import type { Output } from './output';
import { UsageError } from './usage-error';

/** Bytes read from a paste or report; Exchange output is far smaller, junk stops here. */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;

export interface AnalyzeInput {
  /** Up to `max` bytes of a file; rejects with the errno error. */
  readFile(path: string, max: number): Promise<Buffer>;
  readStdin(max: number): Promise<Buffer>;
}

export const fileInput: AnalyzeInput = {
  async readFile(path, max) {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(max);
      const { bytesRead } = await handle.read(buffer, 0, max, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  },
  readStdin(max) {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        process.stdin.off('data', onData);
        process.stdin.pause();
        resolve(Buffer.concat(chunks).subarray(0, max));
      };
      const onData = (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= max) done();
      };
      process.stdin.on('data', onData);
      process.stdin.once('end', done);
      process.stdin.once('error', reject);
    });
  },
};

export interface AnalyzeOptions {
  input?: AnalyzeInput;
  /** The clock for certificate expiry; tests pin it. */
  now?: Date;
}

/**
 * `starttls analyze FILE [--report REPORT.json] [--json]`: the Exchange configuration findings.
 * Exit status as for probe (0 OK, 1 WARNING, 2 CRITICAL); 3 for bad usage or when nothing in
 * the file is Exchange cmdlet output.
 */
export async function analyzeCommand(argv: string[], io: Output, options: AnalyzeOptions = {}): Promise<number> {
  const input = options.input ?? fileInput;
  try {
    const parsed = parseWith(analyzeSpec(), argv, io);
    const args = toAnalyzeArgs(parsed.positionals, parsed.command);
    const bytes = args.file === '-' ? await input.readStdin(MAX_INPUT_BYTES) : await read(input, args.file, 'FILE');
    const report = args.reportFile === undefined ? undefined : await readReport(input, args.reportFile);
    const analysis = analyzeExchangeText(decodePastedBytes(bytes), report, options.now ? { now: options.now } : {});
    if (args.json) io.out(`${JSON.stringify(analysisJson(analysis), null, 2)}\n`);
    if (!analysis.recognised) {
      io.err(`starttls: ${NOTHING_RECOGNISED}\n`);
      return EXIT.unknown;
    }
    if (!args.json) io.out(renderAnalysisText(analysis));
    return exitStatus([analysis.verdict]);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`starttls: ${err.message}\n`);
    return EXIT.unknown;
  }
}

async function read(input: AnalyzeInput, path: string, what: string): Promise<Buffer> {
  try {
    return await input.readFile(path, MAX_INPUT_BYTES);
  } catch (err) {
    throw new UsageError(`cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

async function readReport(input: AnalyzeInput, path: string): Promise<Report> {
  const text = decodePastedBytes(await read(input, path, '--report'));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const lines = text.split('\n').filter((l) => l.trim() !== '').length;
    throw new UsageError(
      lines > 1 && text.trimStart().startsWith('{"')
        ? `--report ${path} holds several reports (probe --mx); save one host's report to a file`
        : `--report ${path} is not JSON; write it with starttls probe --json`,
    );
  }
  const report = asProbeReport(json);
  if (!report) throw new UsageError(`--report ${path} is not a probe report (starttls probe --json)`);
  return report;
}
