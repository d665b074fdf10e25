import * as tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { checkRequest } from '../../src/check/check-request';
import { checkTarget } from '../../src/check/check-target';
import { run } from '../../src/cli/main';
import { DEFAULT_LIMITS } from '../../src/probe/limits';
import { scanTlsVersions } from '../../src/probe/tls-versions';
import type { Report } from '../../src/report/types';
import { detailsMessages } from '../../src/slack/blocks/details-blocks';
import { createTestPki, type TestPki } from '../helpers/pki';
import { startStartTlsServer, type StartTlsServer } from '../helpers/starttls-server';

// OpenSSL 3 refuses TLS 1.0 and 1.1 at its default security level, on either side.
const LEGACY_OK = 'DEFAULT@SECLEVEL=0';

let pki: TestPki;
const closers: (() => Promise<void>)[] = [];
beforeAll(() => {
  pki = createTestPki();
});
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function starttlsServer(minVersion: tls.SecureVersion, maxVersion: tls.SecureVersion): Promise<StartTlsServer> {
  const leaf = pki.goodLeaf('mx.example.test');
  const s = await startStartTlsServer({ tls: { key: leaf.keyPem, cert: leaf.chainPem, minVersion, maxVersion, ciphers: LEGACY_OK } });
  closers.push(() => s.close());
  return s;
}

/** Implicit TLS (port 465 style): TLS from the first byte, then the SMTP greeting. */
async function implicitServer(minVersion: tls.SecureVersion, maxVersion: tls.SecureVersion): Promise<number> {
  const leaf = pki.goodLeaf('mx.example.test');
  const server = tls.createServer({ key: leaf.keyPem, cert: leaf.chainPem, minVersion, maxVersion, ciphers: LEGACY_OK }, (socket) => {
    socket.on('error', () => undefined);
    socket.write('220 mx.example.test ESMTP\r\n');
    socket.on('data', (d) => {
      if (/^QUIT/m.test(d.toString())) socket.end('221 bye\r\n');
      else if (/^EHLO/m.test(d.toString())) socket.write('250-mx.example.test\r\n250 SIZE 1000\r\n');
    });
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

const scanOptions = { address: '127.0.0.1', ehloName: 'probe.invalid', timeoutMs: 10_000, limits: DEFAULT_LIMITS };
const statuses = (results: { version: string; status: string }[]) => results.map((r) => `${r.version} ${r.status}`);

describe('which TLS versions a port accepts', () => {
  it('tries each version on its own after STARTTLS', async () => {
    const s = await starttlsServer('TLSv1', 'TLSv1.1');
    const results = await scanTlsVersions('mx.example.test', s.port, { ...scanOptions, implicitTls: false });
    expect(statuses(results)).toEqual(['TLSv1 accepted', 'TLSv1.1 accepted', 'TLSv1.2 refused', 'TLSv1.3 refused']);
    expect(results[0].cipher).toBeDefined();
    expect(results[2].detail).toBeDefined();
    expect(s.servernames).toEqual(['mx.example.test', 'mx.example.test']);
  });

  it('speaks TLS from the first byte on an implicit TLS port', async () => {
    const port = await implicitServer('TLSv1.2', 'TLSv1.3');
    const results = await scanTlsVersions('mx.example.test', port, { ...scanOptions, implicitTls: true });
    expect(statuses(results)).toEqual(['TLSv1 refused', 'TLSv1.1 refused', 'TLSv1.2 accepted', 'TLSv1.3 accepted']);
  });

  it('names every legacy version offered: only TLS 1.0 and 1.1 is critical, and TLS 1.2 is said to be missing', async () => {
    const s = await starttlsServer('TLSv1', 'TLSv1.1');
    const report = await checkTarget(checkRequest('mx.example.test', [s.port], { address: '127.0.0.1', protocols: true, caPems: [pki.rootPem] }));
    const legacy = report.findings.find((f) => f.id === 'tls-protocol-legacy');
    expect(legacy).toMatchObject({ severity: 'critical', title: `Port ${s.port} offers only TLS 1.0 and TLS 1.1, which Exchange Online and most senders refuse` });
    expect(legacy?.evidence).toContain(`port ${s.port}: TLS 1.2, which Exchange Online requires, is not accepted`);
    expect(legacy?.evidence[0]).toMatch(new RegExp(`^port ${s.port}: one handshake per version: TLS 1\\.0 accepted \\(.+\\); TLS 1\\.1 accepted \\(.+\\); TLS 1\\.2 refused`));
    expect(report.ports[0].tlsVersions?.map((r) => r.status)).toEqual(['accepted', 'accepted', 'refused', 'refused']);
  });

  it('is a warning when TLS 1.2 and 1.3 are offered too, and the Slack Details list every version', async () => {
    const s = await starttlsServer('TLSv1', 'TLSv1.3');
    const report: Report = await checkTarget(checkRequest('mx.example.test', [s.port], { address: '127.0.0.1', protocols: true, caPems: [pki.rootPem] }));
    const legacy = report.findings.find((f) => f.id === 'tls-protocol-legacy');
    expect(legacy).toMatchObject({ severity: 'warning', title: `Port ${s.port} still offers TLS 1.0 and TLS 1.1 besides TLS 1.2 and TLS 1.3` });
    expect(legacy?.evidence).toContain(`port ${s.port}: TLS 1.2, which Exchange Online requires, is accepted`);
    const details = JSON.stringify(detailsMessages(report, 'U123')[0].blocks);
    expect(details).toContain('*TLS versions*: ✅ TLS 1.0 · ✅ TLS 1.1 · ✅ TLS 1.2 · ✅ TLS 1.3 — TLS 1.2, which Exchange Online requires: accepted');
  });

  it('does not try again the version the probe negotiated: accepted with its cipher, one handshake fewer', async () => {
    const s = await starttlsServer('TLSv1.2', 'TLSv1.3');
    const report = await checkTarget(checkRequest('mx.example.test', [s.port], { address: '127.0.0.1', protocols: true, caPems: [pki.rootPem] }));
    const port = report.ports[0];
    expect(port.starttls.protocol).toBe('TLSv1.3');
    expect(statuses(port.tlsVersions!)).toEqual(['TLSv1 refused', 'TLSv1.1 refused', 'TLSv1.2 accepted', 'TLSv1.3 accepted']);
    expect(port.tlsVersions![3]).toEqual({ version: 'TLSv1.3', status: 'accepted', cipher: port.starttls.cipher });
    // Completed handshakes: the probe's (TLS 1.3) and the scan's TLS 1.2; TLS 1.0 and 1.1 are refused.
    expect(s.servernames).toHaveLength(2);
  });

  it('does not scan without --protocols, and then says only the best version is known', async () => {
    const s = await starttlsServer('TLSv1', 'TLSv1.1');
    const report = await checkTarget(checkRequest('mx.example.test', [s.port], { address: '127.0.0.1', caPems: [pki.rootPem] }));
    expect(report.ports[0].tlsVersions).toBeUndefined();
    const legacy = report.findings.find((f) => f.id === 'tls-protocol-legacy');
    expect(legacy?.title).toBe(`Port ${s.port} offers at most TLS 1.1 (TLSv1.1), which Exchange Online and most senders refuse`);
    expect(legacy?.evidence[1]).toContain('starttls probe --protocols');
  });

  it('starttls probe --protocols prints the versions, and --json carries tlsVersions', async () => {
    const s = await starttlsServer('TLSv1.2', 'TLSv1.3');
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: () => undefined };
    await run(['probe', '127.0.0.1', String(s.port), '--protocols'], io);
    expect(out.join('')).toContain('TLS versions: TLS 1.0 no, TLS 1.1 no, TLS 1.2 yes, TLS 1.3 yes (TLS 1.2, which Exchange Online requires: accepted)');
    out.length = 0;
    await run(['probe', '127.0.0.1', String(s.port), '--protocols', '--json'], io);
    const json = JSON.parse(out.join(''));
    expect(json.ports[0].tlsVersions.map((r: { version: string; status: string }) => `${r.version} ${r.status}`)).toEqual([
      'TLSv1 refused',
      'TLSv1.1 refused',
      'TLSv1.2 accepted',
      'TLSv1.3 accepted',
    ]);
  });
});
