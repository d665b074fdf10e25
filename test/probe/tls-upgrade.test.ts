import { probePort } from '../../src/probe/probe-port';
import { createTestPki, type TestPki } from '../helpers/pki';
import { startStartTlsServer, type StartTlsServer } from '../helpers/starttls-server';
import { onLines, startScriptedServer, type ScriptedServer } from '../helpers/scripted-server';
import { startSmtpServer } from '../helpers/smtp-server';

let pki: TestPki;
const servers: (StartTlsServer | ScriptedServer)[] = [];
beforeAll(() => {
  pki = createTestPki();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function tlsServer(options: Parameters<typeof startStartTlsServer>[0]) {
  const s = await startStartTlsServer(options);
  servers.push(s);
  return s;
}

describe('STARTTLS handshake details', () => {
  it('verifies against the given roots and collects the chain the server sent', async () => {
    const leaf = pki.goodLeaf('localhost', { ip: true });
    const s = await tlsServer({ tls: { key: leaf.keyPem, cert: leaf.chainPem } });
    const r = await probePort('localhost', s.port, { ca: [pki.rootPem], address: '127.0.0.1' });
    expect(r.starttls.succeeded).toBe(true);
    expect(r.peer?.authorized).toBe(true);
    expect(r.peer?.chainDer.length).toBeGreaterThanOrEqual(2);
    expect(Buffer.from(r.peer!.chainDer[0], 'base64').equals(leaf.der)).toBe(true);
  });

  it('sends the host name as SNI without its trailing dot', async () => {
    const leaf = pki.goodLeaf('localhost');
    const s = await tlsServer({ tls: { key: leaf.keyPem, cert: leaf.chainPem } });
    await probePort('localhost.', s.port, { address: '127.0.0.1' });
    expect(s.servernames).toEqual(['localhost']);
  });

  it('sends no SNI for an IP literal', async () => {
    const leaf = pki.goodLeaf('localhost', { ip: true });
    const s = await tlsServer({ tls: { key: leaf.keyPem, cert: leaf.chainPem } });
    await probePort('127.0.0.1', s.port);
    expect(s.servernames).toEqual([undefined]);
  });

  it('negotiates TLS 1.0 with a legacy server so the version can be reported', async () => {
    const leaf = pki.goodLeaf('localhost');
    const s = await tlsServer({ tls: { key: leaf.keyPem, cert: leaf.chainPem, maxVersion: 'TLSv1', minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' } });
    const r = await probePort('localhost', s.port, { address: '127.0.0.1' });
    expect(r.error).toBeUndefined();
    expect(r.starttls).toMatchObject({ succeeded: true, protocol: 'TLSv1' });
  });

  it('reports an untrusted chain without failing the handshake', async () => {
    const leaf = pki.goodLeaf('localhost');
    const s = await tlsServer({ tls: { key: leaf.keyPem, cert: leaf.leafOnlyPem } });
    const r = await probePort('localhost', s.port, { ca: [pki.rootPem], address: '127.0.0.1' });
    expect(r.starttls.succeeded).toBe(true);
    expect(r.peer).toMatchObject({ authorized: false, authorizationError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  });

  it('classifies a server that answers 220 to STARTTLS and then speaks plain text', async () => {
    const s = await startScriptedServer((socket) => {
      socket.write('220 broken.example.test ESMTP\r\n');
      onLines(socket, (l) => (l.startsWith('EHLO') ? '250-broken.example.test\r\n250 STARTTLS\r\n' : l === 'STARTTLS' ? '220 go ahead\r\n' : undefined));
      socket.on('data', (d) => {
        if (d[0] === 0x16) socket.write('this is not TLS at all\r\n');
      });
    });
    servers.push(s);
    const r = await probePort('127.0.0.1', s.port, { timeouts: { totalMs: 5000, stepMs: 2000, greetingMs: 2000 } });
    expect(r.starttls).toMatchObject({ advertised: true, attempted: true, succeeded: false, reply: { code: 220 } });
    expect(r.error).toMatchObject({ code: 'PROBE_TLS_FAILED', step: 'tls-handshake' });
  });
});

describe('addresses', () => {
  it('probes an IPv6 literal', async () => {
    let s;
    try {
      s = await startSmtpServer({ hideSTARTTLS: true, name: 'v6.example.test' }, '::1');
    } catch {
      console.warn('IPv6 loopback is not available on this machine: IPv6 probe not exercised');
      return;
    }
    try {
      const r = await probePort('[::1]', s.port);
      expect(r.address).toBe('::1');
      expect(r.greeting?.code).toBe(220);
    } finally {
      await s.close();
    }
  });
});
