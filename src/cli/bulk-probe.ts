import type { CheckRequest } from '../check/check-request';
import type { Checker } from '../check/checker';
import type { Report } from '../report/types';
import { bulkLine, emptyTally, summaryLine, tallyText } from './bulk-summary';
import { style } from '../plain-text/colour';
import { exitStatus } from './exit-status';
import type { ProbeArgs } from './probe-args';
import type { Output } from './output';
import { ProgressBar } from './progress-bar';
import { parseTargetsFile } from './targets-file';
import { readOptionFile } from './read-option-file';

/**
 * `starttls probe --file`: every target through the checker, `concurrency` at a
 * time, each report printed as it finishes (NDJSON with --json), then a summary.
 */
export async function bulkProbe(args: ProbeArgs & { file: string }, base: CheckRequest, io: Output, check: Checker): Promise<number> {
  const targets = parseTargetsFile(readOptionFile('--file', args.file), args.file, args.ports);
  const requests = targets.map((t) => ({ ...base, host: t.host, ports: t.ports, implicitTls: base.implicitTls || t.implicitTls === true }));
  const tally = emptyTally();
  const bar = io.errIsTTY ? new ProgressBar(requests.length, io.err) : undefined;
  const print = (text: string) => (bar ? bar.around(() => io.out(text)) : io.out(text));
  bar?.update(0, '');
  let done = 0;
  const reports = await runBulk(requests, check, args.concurrency, (report) => {
    tally[report.verdict] += 1;
    done += 1;
    print(args.json ? `${JSON.stringify(report)}\n` : bulkLine(report, style(io.colour)));
    bar?.update(done, tallyText(tally));
  });
  bar?.clear();
  // With --json, stdout stays pure NDJSON.
  (args.json ? io.err : io.out)(`${summaryLine(tally)}\n`);
  return exitStatus(reports.map((r) => r.verdict));
}

/** At most `concurrency` checks outstanding: the submitter's own back-pressure, so the pool's queue never overflows. */
export async function runBulk(requests: CheckRequest[], check: Checker, concurrency: number, onReport: (report: Report) => void): Promise<Report[]> {
  const reports: Report[] = [];
  let next = 0;
  const lane = async () => {
    while (next < requests.length) {
      const report = await check(requests[next++]);
      reports.push(report);
      onReport(report);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, lane));
  return reports;
}
