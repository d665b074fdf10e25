import { analyzeCertificate } from '../../src/certificate/analyze';
import { analyzeCertificateCached } from '../../src/check/certificate-cache';
import type { PeerCertificates } from '../../src/probe/types';
import { createTestPki, DAY_MS } from '../helpers/pki';

describe('analyzeCertificateCached', () => {
  const pki = createTestPki();
  const leaf = pki.goodLeaf('mx.cache.test');
  const peer: PeerCertificates = { chainDer: [leaf.der.toString('base64'), pki.intermediate.der.toString('base64')], authorized: true };
  const options = { host: 'mx.cache.test', expectNames: ['other.cache.test'], now: pki.now };

  it('gives what analyzeCertificate gives, on a miss and on a hit', () => {
    const expected = analyzeCertificate(peer, options);
    expect(analyzeCertificateCached(peer, options)).toEqual(expected);
    expect(analyzeCertificateCached(peer, options)).toEqual(expected);
  });

  it('recomputes daysLeft for each call', () => {
    const later = new Date(pki.now.getTime() + 40 * DAY_MS);
    analyzeCertificateCached(peer, options);
    expect(analyzeCertificateCached(peer, { ...options, now: later })).toEqual(analyzeCertificate(peer, { ...options, now: later }));
  });

  it('keys on the verdict and the names, not only the chain', () => {
    analyzeCertificateCached(peer, options);
    const untrusted = { ...peer, authorized: false, authorizationError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' };
    expect(analyzeCertificateCached(untrusted, options)).toEqual(analyzeCertificate(untrusted, options));
    const otherHost = { ...options, host: 'wrong.cache.test', expectNames: [] };
    expect(analyzeCertificateCached(peer, otherHost)).toEqual(analyzeCertificate(peer, otherHost));
  });

  it('hands each caller its own copy', () => {
    const first = analyzeCertificateCached(peer, options);
    first.san.push('mutated.cache.test');
    first.chain[0].subject = 'mutated';
    expect(analyzeCertificateCached(peer, options)).toEqual(analyzeCertificate(peer, options));
  });
});
