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
    return await new Promise<{ captured: ReturnType<typeof collectPeer> | undefined; readAfter: ReturnType<typeof collectPeer> }>((resolve, reject) => {
      let chain: tls.DetailedPeerCertificate | undefined;
      const socket = tls.connect({ ...tlsClientOptions({ host: '127.0.0.1', servername: 'mx.example.test', ca }, (c) => (chain = c)), port: (server.address() as AddressInfo).port });
      socket.once('error', reject);
      socket.once('secureConnect', () => {
        const captured = chain && collectPeer(socket, chain);
        const readAfter = collectPeer(socket);
        socket.destroy();
        resolve({ captured, readAfter });
      });
    });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const base64 = (pem: string) => pemToDer(pem).toString('base64');

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
});
