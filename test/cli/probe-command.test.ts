import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { run } from '../../src/cli/main';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server';

const servers: RunningServer[] = [];
let port25: number;
let port587: number;

beforeAll(async () => {
  // The reference thread: the same Exchange host, another connector answering "port 25".
  const banner = 'Microsoft ESMTP MAIL Service ready';
  servers.push(await startSmtpServer({ name: 'srvex01.contoso.test', banner, size: 62423040, hideSTARTTLS: true, disabledCommands: ['AUTH'] }));
  servers.push(await startSmtpServer({ name: 'srvex01.contoso.test', banner, size: 20971520 }));
  [port25, port587] = servers.map((s) => s.port);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe('starttls probe', () => {
  it('prints the side-by-side comparison and the findings, and exits CRITICAL', async () => {
    const c = capture();
    const code = await run(['probe', '127.0.0.1', `${port25},${port587}`], c.io);
    const text = c.out.join('');
    expect(code).toBe(2);
    expect(text).toMatch(new RegExp(`capability\\s+port ${port25}\\s+port ${port587}`));
    expect(text).toMatch(/SIZE\s+62423040\s+20971520\s+<- differs/);
    expect(text).toMatch(/STARTTLS\s+-\s+yes\s+<- differs/);
    expect(text).toContain(`CRITICAL  starttls-not-advertised  [ports ${port25}]`);
    expect(text).toContain('platform exchange-onprem');
    expect(c.err.join('')).toContain(`probing 127.0.0.1 port ${port25}, ${port587}`);
  });

  it('prints the documented JSON report with --json', async () => {
    const c = capture();
    const code = await run(['probe', '127.0.0.1', String(port25), String(port587), '--json'], c.io);
    const report = JSON.parse(c.out.join(''));
    expect(code).toBe(2);
    expect(report).toMatchObject({ schemaVersion: 2, host: '127.0.0.1', verdict: 'critical', platform: 'exchange-onprem' });
    expect(report.ports.map((p: { port: number }) => p.port)).toEqual([port25, port587]);
    expect(report.ports[0].starttls).toMatchObject({ advertised: false, succeeded: false });
    expect(report.ports[1].starttls).toMatchObject({ advertised: true, succeeded: true });
    expect(report.ports[1].certificate).toEqual(expect.objectContaining({ sha1Thumbprint: expect.stringMatching(/^[0-9A-F]{40}$/), exchangeTlsCertificateName: expect.stringMatching(/^<I>.+<S>.+$/) }));
    expect(report.findings.map((f: { id: string }) => f.id)).toContain('starttls-not-advertised');
  });

  it('answers bad usage with one line and exit status 3', async () => {
    for (const argv of [['probe', 'mail.contoso.test', '70000'], ['probe', 'bad host'], ['probe', 'x.test', '--nope'], ['frobnicate']]) {
      const c = capture();
      expect(await run(argv, c.io)).toBe(3);
      const firstLine = c.err.join('').split('\n')[0];
      expect(firstLine).toMatch(/^starttls: /);
      expect(c.err.join('')).not.toMatch(/\n\s+at /);
    }
  });

  // The SMTP servers live in this process, so the child must run asynchronously.
  function bin(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
    const path = join(__dirname, '..', '..', 'bin', 'starttls.js');
    return new Promise((resolve) => {
      execFile(process.execPath, [path, ...args], { encoding: 'utf8', timeout: 20_000 }, (err, stdout, stderr) => {
        resolve({ status: err ? Number((err as { code?: number }).code) : 0, stdout, stderr });
      });
    });
  }

  it('runs as a real process from the package bin with the same exit status and no stack trace', async () => {
    const ok = await bin(['probe', '127.0.0.1', String(port587), '--json']);
    expect(JSON.parse(ok.stdout).ports[0].starttls.succeeded).toBe(true);
    const bad = await bin(['probe', '127.0.0.1', '0']);
    expect(bad.status).toBe(3);
    expect(bad.stderr).toContain('not a port number (1-65535): "0"');
    expect(bad.stdout).toBe('');
  });
});
