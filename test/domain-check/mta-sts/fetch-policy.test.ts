import { fetchStsPolicy, policyUrl, POLICY_MAX_BYTES } from '../../../src/domain-check/mta-sts/fetch-policy';
import { policy, startPolicyFixture } from '../helpers/policy-fixture';

const BODY = 'version: STSv1\nmode: enforce\nmx: mx1.example.test\nmax_age: 86400\n';

describe('fetchStsPolicy over loopback HTTPS', () => {
  let fixture: Awaited<ReturnType<typeof startPolicyFixture>>;
  const fetchIt = (extra: { timeoutMs?: number } = {}) =>
    fetchStsPolicy('example.test', { dispatcher: fixture.agent, port: fixture.web.port, ...extra });

  beforeAll(async () => {
    fixture = await startPolicyFixture();
  });
  afterAll(() => fixture.close());

  it('builds the well-known URL, with a port only when it is not 443', () => {
    expect(policyUrl('example.test')).toBe('https://mta-sts.example.test/.well-known/mta-sts.txt');
    expect(policyUrl('example.test', 8443)).toBe('https://mta-sts.example.test:8443/.well-known/mta-sts.txt');
  });

  it('returns the body of a 200 text/plain answer, resolving the host through the test name server', async () => {
    fixture.setRoute(policy(BODY));
    await expect(fetchIt()).resolves.toBe(BODY);
    expect(fixture.web.requests.at(-1)).toBe('/.well-known/mta-sts.txt');
    expect(fixture.dns.queries).toContain('A mta-sts.example.test/udp');
  });

  it('refuses a redirect without following it', async () => {
    fixture.setRoute((req, res) => {
      if (req.url === '/elsewhere') return policy(BODY)(req, res);
      res.writeHead(301, { location: `https://mta-sts.example.test:${fixture.web.port}/elsewhere` });
      res.end();
    });
    const before = fixture.web.requests.length;
    await expect(fetchIt()).rejects.toMatchObject({
      code: 'FETCH_REDIRECT',
      message: expect.stringContaining(`answered 301 redirecting to https://mta-sts.example.test:${fixture.web.port}/elsewhere`),
    });
    expect(fixture.web.requests.slice(before)).toEqual(['/.well-known/mta-sts.txt']);
  });

  it('refuses any status but 200', async () => {
    fixture.setRoute((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    });
    await expect(fetchIt()).rejects.toMatchObject({ code: 'FETCH_STATUS', message: expect.stringContaining('answered HTTP 404, not 200') });
  });

  it('refuses a media type other than text/plain', async () => {
    fixture.setRoute(policy(BODY, 'text/html'));
    await expect(fetchIt()).rejects.toMatchObject({ code: 'FETCH_CONTENT_TYPE', message: expect.stringContaining('"text/html", not text/plain') });
  });

  it('refuses a body over the limit, whether declared or streamed', async () => {
    const big = `version: STSv1\n${'x-pad: y\n'.repeat(POLICY_MAX_BYTES / 8)}`;
    fixture.setRoute((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(big) });
      res.end(big);
    });
    await expect(fetchIt()).rejects.toMatchObject({ code: 'FETCH_TOO_LARGE', message: expect.stringContaining(`declares ${Buffer.byteLength(big)} bytes`) });
    fixture.setRoute((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 40; i++) res.write('x'.repeat(4096));
      res.end();
    });
    await expect(fetchIt()).rejects.toMatchObject({ code: 'FETCH_TOO_LARGE', message: expect.stringContaining('sent more than the 65536-byte limit') });
  });

  it('gives up on a server that never answers, and on one that stalls mid-body', async () => {
    fixture.setRoute(() => undefined);
    await expect(fetchIt({ timeoutMs: 300 })).rejects.toMatchObject({ code: 'FETCH_TIMEOUT', message: expect.stringContaining('did not answer within 300 ms') });
    fixture.setRoute((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('version: STSv1\n');
    });
    await expect(fetchIt({ timeoutMs: 300 })).rejects.toMatchObject({ code: 'FETCH_TIMEOUT' });
  });

  it('fails on a certificate not valid for mta-sts.<domain>', async () => {
    const other = await startPolicyFixture();
    const wrong = other.pki.wrongNameLeaf();
    const { startWebServer } = await import('../../helpers/web-server');
    const server = await startWebServer(policy(BODY), { key: wrong.keyPem, cert: wrong.chainPem });
    try {
      await expect(fetchStsPolicy('example.test', { dispatcher: other.agent, port: server.port })).rejects.toMatchObject({
        code: 'FETCH_FAILED',
        message: expect.stringContaining('ERR_TLS_CERT_ALTNAME_INVALID'),
      });
    } finally {
      await server.close();
      await other.close();
    }
  });

  it('fails when the policy host does not resolve', async () => {
    await expect(fetchStsPolicy('missing.test', { dispatcher: fixture.agent, port: fixture.web.port })).rejects.toMatchObject({
      code: 'FETCH_FAILED',
      message: expect.stringContaining('ENOTFOUND'),
    });
  });
});
