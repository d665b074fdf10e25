import type { FetchedCertificate } from '../../../src/domain-check/chain-repair/fetch-issuer';
import { repairChain } from '../../../src/domain-check/chain-repair/repair-chain';
import { trustAnchorSet } from '../../../src/domain-check/chain-repair/trust-anchor-set';
import { sha1Thumbprint, sha256Fingerprint } from '../../../src/certificate/fingerprints';
import { createTestPki } from '../../helpers/pki';
import { body, startAiaFixture } from '../helpers/aia-fixture';
import { hostReport } from '../helpers/host-reports';

const pki = createTestPki();
const INTERMEDIATE = 'CN=Starttls Test Intermediate CA, O=Starttls Test PKI, C=US';

describe('repairChain', () => {
  let fixture: Awaited<ReturnType<typeof startAiaFixture>>;
  beforeAll(async () => {
    fixture = await startAiaFixture({
      '/int.der': body(pki.intermediate.der),
      '/root.der': body(pki.root.der),
      '/wrong.der': body(pki.goodLeaf('other.example.test').der),
    });
  });
  afterAll(() => fixture.close());

  const leafOnly = (caIssuersUrls: string[], issuer = pki.intermediate) =>
    hostReport('mx1.example.test', { leaf: pki.issueLeaf({ host: 'mx1.example.test', caIssuersUrls, issuer }), chain: 'leaf-only' }).ports[0].certificate!;
  const options = () => ({ dispatcher: fixture.agent, anchors: trustAnchorSet([pki.rootPem]) });

  it('names the missing intermediate fetched from the leaf\'s caIssuers URL', async () => {
    const certificate = leafOnly([fixture.url('/int.der')]);
    expect(certificate.chainComplete).toBe(false);
    const repair = await repairChain('mx1.example.test', 25, certificate, options());
    expect(repair).toEqual({
      host: 'mx1.example.test',
      port: 25,
      leafSubject: 'CN=mx1.example.test, O=Example Test Org, L=Springfield, S=Example State, C=US',
      leafIssuer: INTERMEDIATE,
      caIssuersUrls: [fixture.url('/int.der')],
      intermediates: [
        {
          subject: INTERMEDIATE,
          issuer: 'CN=Starttls Test Root CA, O=Starttls Test PKI, C=US',
          sha256Fingerprint: sha256Fingerprint(pki.intermediate.der),
          sha1Thumbprint: sha1Thumbprint(pki.intermediate.der),
          notAfter: pki.intermediate.cert.validity.notAfter.toISOString(),
          url: fixture.url('/int.der'),
          format: 'der',
          pem: pki.intermediate.certPem.replace(/\r\n/g, '\n'),
        },
      ],
    });
  });

  it('tries the next URL when one serves the wrong certificate, and says so when none fits', async () => {
    const repaired = await repairChain('mx1.example.test', 25, leafOnly([fixture.url('/wrong.der'), fixture.url('/int.der')]), options());
    expect(repaired.intermediates.map((i) => i.subject)).toEqual([INTERMEDIATE]);
    const wrong = await repairChain('mx1.example.test', 25, leafOnly([fixture.url('/wrong.der')]), options());
    expect(wrong.intermediates).toEqual([]);
    expect(wrong.problem).toMatchObject({ code: 'AIA_WRONG_ISSUER', message: expect.stringContaining('which did not issue') });
  });

  it('reports a leaf without caIssuers, a failed download and a leaf issued by the root itself', async () => {
    expect((await repairChain('mx1.example.test', 25, leafOnly([]), options())).problem).toEqual({
      code: 'AIA_NO_URL',
      message: 'the certificate has no Authority Information Access caIssuers URL',
    });
    expect((await repairChain('mx1.example.test', 25, leafOnly([fixture.url('/gone.der')]), options())).problem).toMatchObject({ code: 'FETCH_STATUS' });
    const byRoot = await repairChain('mx1.example.test', 25, leafOnly([fixture.url('/root.der')], pki.root), options());
    expect(byRoot.problem?.code).toBe('AIA_ISSUER_IS_ROOT');
    expect(byRoot.intermediates).toEqual([]);
  });

  it('fetches a URL once for several hosts when given a cache', async () => {
    const cache = new Map<string, Promise<FetchedCertificate>>();
    const before = fixture.web.requests.length;
    const certificate = leafOnly([fixture.url('/int.der')]);
    await Promise.all(['mx1.example.test', 'mx2.example.test'].map((h) => repairChain(h, 25, certificate, { ...options(), cache })));
    expect(fixture.web.requests.slice(before)).toEqual(['/int.der']);
  });
});
