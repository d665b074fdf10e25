import { checkRequest } from '../../src/check/check-request';
import { checkTarget } from '../../src/check/check-target';
import type { Report } from '../../src/report/types';
import { lines } from '../helpers/commands';
import { createTestPki } from '../helpers/pki';
import { startStartTlsServer, type StartTlsServer } from '../helpers/starttls-server';

/**
 * An SNI-aware STARTTLS server on loopback: mx.example.test gets its own certificate, any other
 * name (or none) the default one, for default.example.test. Probed by address, as admins probe
 * a node behind a load balancer.
 */
const pki = createTestPki();
const mx = pki.goodLeaf('mx.example.test');
const fallback = pki.goodLeaf('default.example.test');
let server: StartTlsServer;

beforeAll(async () => {
  server = await startStartTlsServer({
    tls: { key: fallback.keyPem, cert: fallback.chainPem },
    sni: { 'mx.example.test': { key: mx.keyPem, cert: mx.chainPem } },
  });
});
afterAll(() => server.close());

const check = (servername?: string, caPems = [pki.rootPem]) =>
  checkTarget(checkRequest('127.0.0.1', [server.port], { caPems, ...(servername ? { servername } : {}) }));
const ids = (r: Report) => r.findings.map((f) => f.id);

describe('--servername against an SNI-aware server', () => {
  it('sends the name as SNI, gets that name\'s certificate, and judges it: trusted, name covered', async () => {
    const report = await check('mx.example.test');
    expect(server.servernames.at(-1)).toBe('mx.example.test');
    expect(report.servername).toBe('mx.example.test');
    expect(report.ports[0].certificate).toMatchObject({
      subject: expect.stringContaining('CN=mx.example.test'),
      trusted: true,
      identityName: 'mx.example.test',
      nameMatch: true,
    });
    expect(ids(report)).toEqual([]);
    expect(report.verdict).toBe('ok');
  });

  it('a name the server has no certificate for: the chain is still trusted, only the name fails', async () => {
    const report = await check('mail.example.test');
    expect(server.servernames.at(-1)).toBe('mail.example.test');
    expect(report.ports[0].certificate).toMatchObject({ subject: expect.stringContaining('CN=default.example.test'), trusted: true, nameMatch: false });
    expect(report.ports[0].certificate).not.toHaveProperty('trustError');
    expect(ids(report)).toEqual(['cert-name-mismatch']);
    expect(report.findings[0].title).toBe(`The certificate on port ${server.port} does not cover mail.example.test`);
  });

  it('without --servername an address sends no SNI and gets no name verdict, only a note of the names covered', async () => {
    const report = await check();
    expect(server.servernames.at(-1)).toBeUndefined();
    expect(report.ports[0].certificate).toMatchObject({ trusted: true, identityName: null, nameMatch: null });
    expect(ids(report)).toEqual(['cert-name-not-checked']);
    expect(report.findings[0]).toMatchObject({ severity: 'info' });
    expect(report.findings[0].evidence[0]).toBe(`port ${server.port}: the certificate covers default.example.test`);
    expect(report.verdict).toBe('ok');
  });

  it('an untrusted chain with the right name: cert-untrusted, never cert-name-mismatch', async () => {
    const report = await check('mx.example.test', []);
    expect(report.ports[0].certificate).toMatchObject({ trusted: false, trustError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', nameMatch: true });
    expect(ids(report)).toEqual(['cert-untrusted']);
    // The check command shows the certificate senders see: it sends the same SNI.
    const commands = report.findings[0].remediation.flatMap((r) => lines(r));
    expect(commands).toContain(`openssl s_client -connect 127.0.0.1:${server.port} -starttls smtp -servername mx.example.test -showcerts </dev/null`);
  });
});

describe('chain trust at the strength senders verify with', () => {
  it('an RSA-1024, SHA-1 signed chain is negotiated (to be described) but untrusted, with the reason in words', async () => {
    const weak = pki.issueLeaf({ host: 'mx.example.test', keyBits: 1024, digest: 'sha1' });
    const legacy = await startStartTlsServer({ tls: { key: weak.keyPem, cert: weak.chainPem, ciphers: 'DEFAULT:@SECLEVEL=0' } });
    try {
      const report = await checkTarget(checkRequest('127.0.0.1', [legacy.port], { caPems: [pki.rootPem], servername: 'mx.example.test' }));
      expect(report.ports[0].starttls.succeeded).toBe(true);
      expect(report.ports[0].certificate).toMatchObject({
        trusted: false,
        trustError: 'EE_KEY_TOO_SMALL',
        trustReason: "the server's certificate has a 1024-bit RSA key, too weak for OpenSSL 3 at security level 2 (openssl verify error 66)",
        nameMatch: true,
        keyBits: 1024,
        signatureAlgorithm: 'sha1WithRSAEncryption',
      });
      // The leaf's own key and signature explain the refusal; cert-untrusted would say it twice.
      expect(ids(report).sort()).toEqual(['cert-weak-key', 'cert-weak-signature']);
    } finally {
      await legacy.close();
    }
  });
});
