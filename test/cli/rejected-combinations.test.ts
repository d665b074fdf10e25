import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestPki } from '../helpers/pki';
import { runCli } from '../helpers/cli-process';

const dir = mkdtempSync(join(tmpdir(), 'starttls-cli-'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const targets = write('targets.txt', 'mx1.example.test\n');
const notPem = write('notes.txt', 'this is not a certificate\n');
const brokenPem = write('broken.pem', '-----BEGIN CERTIFICATE-----\nTm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n');

describe('conflicting or ignored options are refused before any connection: one line, exit 3', () => {
  it.each([
    [['x.test', '--json', '--blocks'], '--json cannot be used with --blocks: choose one output format'],
    [['x.test', '--nagios', '--json'], '--json cannot be used with --nagios: choose one output format'],
    [['x.test', '--blocks', '--nagios'], '--blocks cannot be used with --nagios: choose one output format'],
    [['x.test', '-v', '--json'], "--json cannot be used with --transcript: the JSON report already holds each port's transcript"],
    [['--file', targets, '--blocks'], '--blocks cannot be used with --file: --file prints one line per target (one JSON report per line with --json); probe a single host for the rest'],
    [['--file', targets, '--nagios'], '--nagios cannot be used with --file: --file prints one line per target (one JSON report per line with --json); probe a single host for the rest'],
    [['--file', targets, '--transcript'], '--transcript cannot be used with --file: --file prints one line per target (one JSON report per line with --json); probe a single host for the rest'],
    [['contoso.test', '--mx', '--file', targets], '--mx cannot be used with --file: --file prints one line per target (one JSON report per line with --json); probe a single host for the rest'],
    [['contoso.test', '--mx', '--nagios'], '--nagios cannot be used with --mx: --nagios reports one host; run it for each MX host'],
    [['contoso.test', '--mx', '--servername', 'mail.contoso.test'], '--servername cannot be used with --mx: each MX host is checked under its own name; probe one host with --servername'],
    [['mx1.example.test', '--file', targets], 'not a port number (1-65535): "mx1.example.test": with --file the hosts come from the file, and the other words are default ports'],
    [['contoso.test', '--dns-server', '127.0.0.1'], '--dns-server only applies to --mx lookups: add --mx, or drop --dns-server'],
    [['x.test', '--concurrency', '4'], '--concurrency only applies to --file: add --file TARGETS, or drop --concurrency'],
    [['127.0.0.1', '--mx'], '--mx takes a mail domain, not an IP address (127.0.0.1): drop --mx to probe that address'],
    [['[::1]:25', '--mx'], '--mx takes a mail domain, not an IP address (::1): drop --mx to probe that address'],
    [['x.test', '--ca', notPem], `--ca ${notPem} holds no PEM certificate (-----BEGIN CERTIFICATE-----); convert DER with: openssl x509 -inform der -in ${notPem} -out ca.pem`],
    [['x.test', '--ca', brokenPem], `--ca ${brokenPem} holds a certificate that does not parse; check the file is a complete PEM certificate`],
    [['x.test', '--ca', join(dir, 'missing.pem')], `cannot read --ca ${join(dir, 'missing.pem')}: ENOENT`],
  ])('probe %j', async (argv, message) => {
    const r = await runCli(['probe', ...argv]);
    // A monitoring system reads stdout: with --nagios it gets the plugin's UNKNOWN line there instead.
    const nagios = argv.includes('--nagios');
    expect(r).toEqual({ status: 3, stdout: nagios ? `STARTTLS UNKNOWN - ${message}\n` : '', stderr: nagios ? '' : `starttls: ${message}\n` });
  });

  it('with --nagios, gives the monitoring system an UNKNOWN plugin line on stdout instead', async () => {
    const r = await runCli(['probe', 'x.test:0', '--nagios']);
    expect(r).toEqual({ status: 3, stdout: 'STARTTLS UNKNOWN - not a port number (1-65535): "0"\n', stderr: '' });
  });

  it('accepts a --ca file that holds a certificate', async () => {
    const ca = write('root.pem', createTestPki().rootPem);
    // Port 1 on loopback refuses at once: the arguments were accepted and a probe ran.
    const r = await runCli(['probe', '127.0.0.1:1', '--ca', ca, '--json']);
    expect(r.stderr).not.toContain('--ca');
    expect(JSON.parse(r.stdout).ports[0].error.code).toBe('PROBE_CONNECT_REFUSED');
  });
});
