import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import { collectPeer } from '../../src/probe/peer-chain';
import { tlsClientOptions } from '../../src/probe/smtp-connection';
import { createTestPki, pemToDer } from '../helpers/pki';

const pki = createTestPki();

/** Connects as the probe does and returns the chain Node handed to the identity check (if any) beside the chain read afterwards. */
async function readBothWays(cert: string, key: string, ca: string[] | undefined) {
  const server = tls.createServer({ key, cert }, (socket) => socket.end());
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await new Promise<{ captured: ReturnType<typeof collectPeer> | undefined; readAfter: ReturnType<typeof collectPeer>; detailedWalk: string[] }>((resolve, reject) => {
      let chain: tls.DetailedPeerCertificate | undefined;
      const socket = tls.connect({ ...tlsClientOptions({ host: '127.0.0.1', servername: 'mx.example.test', ca }, (c) => (chain = c)), port: (server.address() as AddressInfo).port });
      socket.once('error', reject);
      socket.once('secureConnect', () => {
        const captured = chain && collectPeer(socket, chain);
        const readAfter = collectPeer(socket);
        const detailedWalk = walk(socket.getPeerCertificate(true));
        socket.destroy();
        resolve({ captured, readAfter, detailedWalk });
      });
    });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const base64 = (pem: string) => pemToDer(pem).toString('base64');

/** Node's detailed chain walked leaf first, each certificate once: what the probe's chain must always equal. */
function walk(leaf: tls.DetailedPeerCertificate): string[] {
  const der: string[] = [];
  for (let c: tls.DetailedPeerCertificate | undefined = leaf; c?.raw && !der.includes(c.raw.toString('base64')); c = c.issuerCertificate) der.push(c.raw.toString('base64'));
  return der;
}

describe('the peer chain: taken from the identity check when the chain verified, the same as reading it again', () => {
  it('leaf and intermediate sent, root trusted: leaf, intermediate, then the root from the trust anchors', async () => {
    const leaf = pki.goodLeaf();
    const { captured, readAfter } = await readBothWays(leaf.chainPem, leaf.keyPem, [pki.rootPem]);
    expect(captured).toEqual(readAfter);
    expect(captured).toEqual({ authorized: true, chainDer: [base64(leaf.certPem), base64(pki.intermediate.certPem), base64(pki.rootPem)] });
  });

  it('the chain sent in the wrong order is still walked in issuance order', async () => {
    const leaf = pki.goodLeaf();
    const { captured, readAfter } = await readBothWays(`${leaf.certPem}${pki.rootPem}${pki.intermediate.certPem}`, leaf.keyPem, [pki.rootPem]);
    expect(captured).toEqual(readAfter);
    expect(captured?.chainDer).toEqual([base64(leaf.certPem), base64(pki.intermediate.certPem), base64(pki.rootPem)]);
  });

  it('an unverified chain (intermediate missing) is not handed over; reading it gives the leaf alone', async () => {
    const leaf = pki.goodLeaf();
    const { captured, readAfter } = await readBothWays(leaf.leafOnlyPem, leaf.keyPem, [pki.rootPem]);
    expect(captured).toBeUndefined();
    expect(readAfter).toEqual({ authorized: false, authorizationError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', chainDer: [base64(leaf.certPem)] });
  });

  it.each([
    ['RSA, without keyCertSign', () => pki.selfSignedLeaf()],
    ['EC P-256 from openssl', () => pki.ecSelfSignedLeaf()],
  ])('a self-signed leaf (%s) is the whole chain, as the detailed chain says', async (_kind, make) => {
    const leaf = make();
    const { captured, readAfter, detailedWalk } = await readBothWays(leaf.certPem, leaf.keyPem, [pki.rootPem]);
    expect(captured).toBeUndefined();
    expect(readAfter).toEqual({ authorized: false, authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT', chainDer: [base64(leaf.certPem)] });
    expect(readAfter?.chainDer).toEqual(detailedWalk);
  });

  it('a self-signed leaf sent with unrelated certificates after it: still the leaf alone, as the detailed chain says', async () => {
    const leaf = pki.selfSignedLeaf();
    const { readAfter, detailedWalk } = await readBothWays(`${leaf.certPem}${pki.intermediate.certPem}${pki.rootPem}`, leaf.keyPem, [pki.rootPem]);
    expect(readAfter?.authorizationError).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(readAfter?.chainDer).toEqual([base64(leaf.certPem)]);
    expect(detailedWalk).toEqual([base64(leaf.certPem)]);
  });

  it('every other unverified chain is read in full (expired leaf: leaf, intermediate, root)', async () => {
    const leaf = pki.expiredLeaf();
    const { captured, readAfter, detailedWalk } = await readBothWays(leaf.chainPem, leaf.keyPem, [pki.rootPem]);
    expect(captured).toBeUndefined();
    expect(readAfter?.authorizationError).toBe('CERT_HAS_EXPIRED');
    expect(readAfter?.chainDer).toEqual([base64(leaf.certPem), base64(pki.intermediate.certPem), base64(pki.rootPem)]);
    expect(readAfter?.chainDer).toEqual(detailedWalk);
  });
});
