import { fetchIssuerCertificate } from '../../../src/domain-check/chain-repair/fetch-issuer';
import { createTestPki } from '../../helpers/pki';
import { body, startAiaFixture } from '../helpers/aia-fixture';

const pki = createTestPki();

describe('fetchIssuerCertificate over loopback HTTP', () => {
  let fixture: Awaited<ReturnType<typeof startAiaFixture>>;
  beforeAll(async () => {
    fixture = await startAiaFixture({
      '/int.der': body(pki.intermediate.der),
      '/int.pem': body(`garbage before\n${pki.intermediate.certPem}`, 'application/x-pem-file'),
      '/moved': (res) => {
        res.writeHead(302, { location: '/int.der' });
        res.end();
      },
      '/loop': (res) => {
        res.writeHead(302, { location: '/loop' });
        res.end();
      },
      '/html': body('<html>not a certificate</html>', 'text/html'),
      '/huge': body(Buffer.alloc(200_000)),
      '/slow': () => undefined,
    });
  });
  afterAll(() => fixture.close());

  const fetchIt = (path: string, timeoutMs?: number) =>
    fetchIssuerCertificate(fixture.url(path), { dispatcher: fixture.agent, ...(timeoutMs ? { timeoutMs } : {}) });

  it('reads a DER certificate', async () => {
    const fetched = await fetchIt('/int.der');
    expect(fetched.format).toBe('der');
    expect(fetched.url).toBe(fixture.url('/int.der'));
    expect(fetched.certificate.raw.equals(pki.intermediate.der)).toBe(true);
  });

  it('reads a PEM certificate', async () => {
    const fetched = await fetchIt('/int.pem');
    expect(fetched.format).toBe('pem');
    expect(fetched.certificate.raw.equals(pki.intermediate.der)).toBe(true);
  });

  it('follows a redirect, but not forever', async () => {
    expect((await fetchIt('/moved')).url).toBe(fixture.url('/int.der'));
    await expect(fetchIt('/loop')).rejects.toMatchObject({ code: 'FETCH_REDIRECT', message: `${fixture.url('/loop')}: more than 3 redirects` });
  });

  it('rejects what is not a certificate, a 404, an oversized body and a silent server', async () => {
    await expect(fetchIt('/html')).rejects.toMatchObject({ code: 'AIA_NOT_A_CERTIFICATE', message: `${fixture.url('/html')} did not return a DER or PEM certificate (30 bytes)` });
    await expect(fetchIt('/missing')).rejects.toMatchObject({ code: 'FETCH_STATUS' });
    await expect(fetchIt('/huge')).rejects.toMatchObject({ code: 'FETCH_TOO_LARGE' });
    await expect(fetchIt('/slow', 300)).rejects.toMatchObject({ code: 'FETCH_TIMEOUT' });
  });
});
