import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli-process';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };

const PROBE_OPTIONS = ['--json', '--blocks', '--nagios', '-v, --transcript', '--timeout <ms>', '--expect-name <name>', '--ca <file>', '--ehlo <name>', '--tls', '--force-starttls', '--warn-days <n>', '--mx', '--dns-server <addr[:port]>', '--file <targets>', '--concurrency <n>', '-h, --help'];

describe('starttls --help, <command> --help, --version (the real process)', () => {
  it.each([['--help'], ['-h'], ['help']])('starttls %s: the commands, exit codes and examples, exit 0', async (flag) => {
    const r = await runCli([flag]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Usage: starttls \[options\] \[command\]/);
    expect(r.stdout).toMatch(/\n {2}probe \[options\] \[target\.\.\.\] +probe SMTP ports/);
    expect(r.stdout).toMatch(/\n {2}analyze \[options\] \[file\] +explain Exchange/);
    expect(r.stdout).toContain('-V, --version');
    expect(r.stdout).toMatch(/Exit status[^\n]*\n {2}0 {2}OK[\s\S]*\n {2}3 {2}UNKNOWN/);
    expect(r.stdout.match(/\n {2}\$ starttls /g)).toHaveLength(3);
  });

  it.each([[['probe', '--help']], [['probe', '-h']], [['help', 'probe']], [['probe', 'mail.contoso.test', '--json', '--help']]])('%j: what probe does, every option with its default, exit codes, examples', async (argv) => {
    const r = await runCli(argv);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: starttls probe \[options\] \[target\.\.\.\]/);
    expect(r.stdout).toContain('Probe each SMTP port of a mail server');
    expect(r.stdout).toContain('smtps://host:port (implicit TLS)');
    for (const option of PROBE_OPTIONS) expect(r.stdout).toMatch(new RegExp(`\\n  ${option.replace(/[[\]().*+?]/g, '\\$&')}  +\\S`));
    expect(r.stdout).toMatch(/--timeout <ms>[^]*?\(default: 30000\)/);
    expect(r.stdout).toMatch(/--warn-days <n>[^]*?\(default: 30\)/);
    expect(r.stdout).toMatch(/--concurrency <n>[^]*?\(default: 32\)/);
    expect(r.stdout).toMatch(/--ehlo <name>[^]*?\(default:\s+"starttls-probe\.invalid"\)/);
    expect(r.stdout).toMatch(/Exit status[\s\S]*2 {2}CRITICAL/);
    expect(r.stdout.match(/\n {2}\$ starttls probe /g)?.length).toBeGreaterThanOrEqual(3);
  });

  it('starttls analyze --help describes analyze, its options, exit codes and examples', async () => {
    const r = await runCli(['analyze', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: starttls analyze \[options\] \[file\]/);
    expect(r.stdout).toContain('Get-ReceiveConnector');
    expect(r.stdout).toMatch(/\n {2}--report <report\.json> +a probe's --json report/);
    expect(r.stdout).toMatch(/\n {2}--json +the analysis as JSON/);
    expect(r.stdout).toContain('Exit status');
    expect(r.stdout.match(/\n {2}\$ /g)).toHaveLength(3);
  });

  it.each([['--version'], ['-V']])('starttls %s prints the package version', async (flag) => {
    const r = await runCli([flag]);
    expect(r).toEqual({ status: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('starttls alone prints the help on stderr and exits 3', async () => {
    const r = await runCli([]);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Usage: starttls/);
  });
});

describe('parse errors in our words: one line naming the option and the fix, exit 3', () => {
  it.each([
    [['probe', 'x.test', '--timeout', '-5'], 'starttls: --timeout takes a whole number from 100 to 600000, not "-5" (e.g. --timeout 10000)'],
    [['probe', 'x.test', '--timeout'], 'starttls: --timeout needs a value: --timeout <ms>'],
    [['probe', 'x.test', '--warn-days', 'soon'], 'starttls: --warn-days takes a whole number from 0 to 3650, not "soon" (e.g. --warn-days 21)'],
    [['probe', 'x.test', '--ehlo', 'bad!name'], 'starttls: --ehlo takes a host name, not "bad!name" (e.g. --ehlo probe.contoso.com)'],
    [['probe', 'x.test', '--expect-name', 'ok.test', '--expect-name', 'a..b'], 'starttls: --expect-name takes a host name, not "a..b" (e.g. --expect-name mail.contoso.com)'],
    [['probe', 'x.test', '--helpp'], 'starttls: unknown option --helpp (did you mean --help?): see starttls probe --help'],
    [['probe', 'x.test', '-5'], 'starttls: not a port number (1-65535): "-5"'],
    [['analyze', 'a.txt', '--jsn'], 'starttls: unknown option --jsn (did you mean --json?): see starttls analyze --help'],
    [['prob', 'x.test'], 'starttls: unknown command "prob" (did you mean probe?): the commands are probe and analyze (starttls --help)'],
    [['help', 'bogus'], 'starttls: no help for "bogus": the commands are probe and analyze (starttls --help)'],
    [['probe'], 'starttls: no host given: starttls probe <host> [port ...] (see starttls probe --help)'],
    [['probe', 'x.test:70000'], 'starttls: not a port number (1-65535): "70000"'],
    [['probe', 'x.test', '0'], 'starttls: not a port number (1-65535): "0"'],
    [['probe', '[::1]:'], 'starttls: no port after the colon: "[::1]:"'],
    [['probe', 'https://x.test'], 'starttls: not an SMTP target: "https://x.test" (use host, host:port, smtp://host:port or smtps://host:port)'],
  ])('%j', async (argv, line) => {
    const r = await runCli(argv);
    expect(r).toEqual({ status: 3, stdout: '', stderr: `${line}\n` });
  });
});
