import { parseAnalyzeArgs } from '../../src/cli/analyze-args';
import { UsageError } from '../../src/cli/usage-error';

describe('parseAnalyzeArgs', () => {
  it('reads the file, the report and --json', () => {
    expect(parseAnalyzeArgs(['paste.txt', '--report', 'probe.json', '--json'])).toEqual({ file: 'paste.txt', reportFile: 'probe.json', json: true });
    expect(parseAnalyzeArgs(['-'])).toEqual({ file: '-', reportFile: undefined, json: false });
  });

  it.each([
    [[], /no file given/],
    [['a.txt', 'b.txt'], /one file at a time/],
    [['a.txt', '--report'], /--report/],
    [['a.txt', '--report', '-'], /--report reads a file/],
    [['a.txt', '--frobnicate'], /unknown option --frobnicate: see starttls analyze --help/],
  ])('turns %j into a one-line usage error', (argv, message) => {
    let err: unknown;
    try {
      parseAnalyzeArgs(argv as string[]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });
});
