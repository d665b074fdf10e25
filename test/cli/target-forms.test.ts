import { run } from '../../src/cli/main';
import type { Report } from '../../src/report/types';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server';

const servers: RunningServer[] = [];
let starttls: RunningServer;
let implicit: RunningServer;
let v6: RunningServer;

beforeAll(async () => {
  starttls = await startSmtpServer({ size: 20971520 });
  implicit = await startSmtpServer({ secure: true });
  v6 = await startSmtpServer({ size: 10485760 }, '::1');
  servers.push(starttls, implicit, v6);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function probeJson(...argv: string[]): Promise<{ code: number; report: Report }> {
  const out: string[] = [];
  const code = await run(['probe', ...argv, '--json'], { out: (t) => out.push(t), err: () => undefined });
  return { code, report: JSON.parse(out.join('')) as Report };
}

const summary = (r: Report) => r.ports.map((p) => ({ port: p.port, mode: p.mode, tls: p.starttls.protocol !== undefined || p.certificate !== undefined }));

describe('starttls probe target forms against real loopback servers', () => {
  it('host:port', async () => {
    const { report } = await probeJson(`127.0.0.1:${starttls.port}`);
    expect(report.host).toBe('127.0.0.1');
    expect(summary(report)).toEqual([{ port: starttls.port, mode: 'starttls', tls: true }]);
  });

  it('host:port followed by more ports', async () => {
    const { report } = await probeJson(`127.0.0.1:${starttls.port}`, String(v6.port));
    expect(report.ports.map((p) => p.port)).toEqual([starttls.port, v6.port]);
  });

  it('[ipv6]:port', async () => {
    const { report } = await probeJson(`[::1]:${v6.port}`);
    expect(report.host).toBe('::1');
    expect(summary(report)).toEqual([{ port: v6.port, mode: 'starttls', tls: true }]);
  });

  it('smtp://host:port speaks STARTTLS', async () => {
    const { report } = await probeJson(`smtp://127.0.0.1:${starttls.port}`);
    expect(summary(report)).toEqual([{ port: starttls.port, mode: 'starttls', tls: true }]);
  });

  it('smtps://host:port speaks implicit TLS on a port other than 465', async () => {
    const { report } = await probeJson(`smtps://127.0.0.1:${implicit.port}`);
    expect(summary(report)).toEqual([{ port: implicit.port, mode: 'implicit-tls', tls: true }]);
    expect(report.ports[0].transcript[1]).toMatchObject({ dir: 'info', text: expect.stringMatching(/^TLS established/) });
  });
});
