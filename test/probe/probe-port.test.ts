import { probePort } from '../../src/probe/probe-port';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server';

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(options: Parameters<typeof startSmtpServer>[0]) {
  const s = await startSmtpServer(options);
  servers.push(s);
  return s;
}

describe('probePort against a real SMTP server', () => {
  it('reports the capabilities of a port that does not advertise STARTTLS (reference thread, port 25)', async () => {
    const s = await server({ name: 'srvex01.contoso.test', size: 62423040, hideSTARTTLS: true });
    const r = await probePort('127.0.0.1', s.port, { ehloName: 'probe.example.test' });
    expect(r.error).toBeUndefined();
    expect(r.greeting?.code).toBe(220);
    expect(r.ehlo?.command).toBe('EHLO');
    expect(r.ehlo?.capabilities.find((c) => c.keyword === 'SIZE')?.params).toEqual(['62423040']);
    expect(r.starttls).toEqual({ advertised: false, attempted: false, succeeded: false });
    expect(r.transcript.some((t) => t.dir === 'client' && t.text === 'QUIT')).toBe(true);
  });

  it('negotiates STARTTLS, records the protocol and the peer certificate, and says EHLO again', async () => {
    const s = await server({ name: 'mx.example.test', size: 20971520 });
    const r = await probePort('127.0.0.1', s.port);
    expect(r.error).toBeUndefined();
    expect(r.starttls.advertised).toBe(true);
    expect(r.starttls.succeeded).toBe(true);
    expect(r.starttls.reply?.code).toBe(220);
    expect(r.starttls.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(r.peer?.chainDer.length).toBeGreaterThan(0);
    expect(r.ehloAfterTls?.capabilities.some((c) => c.keyword === 'STARTTLS')).toBe(false);
    expect(Object.keys(r.timings)).toEqual(expect.arrayContaining(['connect', 'greeting', 'ehlo', 'starttls', 'tls-handshake', 'ehlo-tls']));
  });

  it('classifies a refused connection', async () => {
    const s = await server({});
    const port = s.port;
    await s.close();
    servers.pop();
    const r = await probePort('127.0.0.1', port);
    expect(r.error).toMatchObject({ code: 'PROBE_CONNECT_REFUSED', step: 'connect' });
  });

  it('speaks implicit TLS on request without sending STARTTLS', async () => {
    const s = await server({ secure: true, name: 'smtps.example.test' });
    const r = await probePort('127.0.0.1', s.port, { implicitTls: true });
    expect(r.error).toBeUndefined();
    expect(r.mode).toBe('implicit-tls');
    expect(r.greeting?.code).toBe(220);
    expect(r.starttls.protocol).toMatch(/^TLSv1/);
    expect(r.transcript.some((t) => t.text === 'STARTTLS')).toBe(false);
  });
});
