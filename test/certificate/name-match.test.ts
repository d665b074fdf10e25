import { X509Certificate } from 'node:crypto';
import { matchesName } from '../../src/certificate/name-match';
import { createTestPki, leafSubject } from '../helpers/pki';

const pki = createTestPki();
const x509 = (pem: string) => new X509Certificate(pem);

describe('matchesName with a wildcard certificate (*.example.test)', () => {
  const cert = x509(pki.wildcardLeaf().certPem);

  it.each(['mx.example.test', 'MX.Example.TEST', 'mx.example.test.', ' mail.example.test '])('matches %j', (name) => {
    expect(matchesName(cert, name)).toBe(true);
  });

  it.each(['a.b.example.test', 'example.test', 'example.test.', 'mx.example.test.other', 'mxexample.test', '', '.'])(
    'does not match %j',
    (name) => {
      expect(matchesName(cert, name)).toBe(false);
    },
  );

  it('matches the wildcard name itself, as a user expecting the wildcard certificate would write it', () => {
    expect(matchesName(cert, '*.example.test')).toBe(true);
  });
});

describe('matchesName rules', () => {
  it('does not honour partial wildcards such as mx*.example.test', () => {
    const cert = x509(pki.issueLeaf({ dnsNames: ['mx*.example.test'] }).certPem);
    expect(matchesName(cert, 'mx1.example.test')).toBe(false);
  });

  it('uses the subject CN only when there is no DNS subjectAltName', () => {
    const cnOnly = x509(pki.issueLeaf({ host: 'legacy.example.test', dnsNames: [] }).certPem);
    expect(matchesName(cnOnly, 'legacy.example.test')).toBe(true);

    const sanWins = x509(
      pki.issueLeaf({ subject: leafSubject('legacy.example.test'), dnsNames: ['mx.example.test'] }).certPem,
    );
    expect(matchesName(sanWins, 'mx.example.test')).toBe(true);
    expect(matchesName(sanWins, 'legacy.example.test')).toBe(false);
  });

  it('strips only one trailing dot', () => {
    const cert = x509(pki.goodLeaf().certPem);
    expect(matchesName(cert, 'mx.example.test.')).toBe(true);
    expect(matchesName(cert, 'mx.example.test..')).toBe(false);
  });
});

describe('matchesName with IP literals', () => {
  it('matches an IPv4 literal against the iPAddress SAN, with or without brackets', () => {
    const cert = x509(pki.goodLeaf('mx.example.test', { ip: true }).certPem);
    expect(matchesName(cert, '127.0.0.1')).toBe(true);
    expect(matchesName(cert, '[127.0.0.1]')).toBe(true);
    expect(matchesName(cert, '127.0.0.2')).toBe(false);
    expect(matchesName(cert, 'mx.example.test')).toBe(true);
  });

  it('does not match an IP literal that appears only as a DNS name or CN', () => {
    const cert = x509(pki.issueLeaf({ host: '127.0.0.1', dnsNames: ['127.0.0.1'] }).certPem);
    expect(matchesName(cert, '127.0.0.1')).toBe(false);
  });

  it('matches IPv6 ::1 in any spelling, bracketed or not', () => {
    const cert = x509(pki.issueLeaf({ ipAddresses: ['::1'] }).certPem);
    expect(matchesName(cert, '::1')).toBe(true);
    expect(matchesName(cert, '[::1]')).toBe(true);
    expect(matchesName(cert, '0:0:0:0:0:0:0:1')).toBe(true);
    expect(matchesName(cert, '127.0.0.1')).toBe(false);
  });
});
