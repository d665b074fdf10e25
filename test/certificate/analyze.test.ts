import { createHash, X509Certificate } from 'node:crypto';
import { analyzeCertificate, CertificateParseError } from '../../src/certificate/analyze';
import type { PeerCertificates } from '../../src/probe/types';
import { createTestPki, DAY_MS, INTERMEDIATE_SUBJECT, type TestCertificate } from '../helpers/pki';
import { handshakeOnLoopback } from '../helpers/tls-peer';

const pki = createTestPki();
const b64 = (der: Buffer) => der.toString('base64');
const options = { host: 'mx.example.test', expectNames: [] as string[], now: pki.now };
const sentWithIntermediate = (leaf: TestCertificate): string[] => [b64(leaf.der), b64(pki.intermediate.der)];

const LEAF_SUBJECT = 'CN=mx.example.test, O=Example Test Org, L=Springfield, S=Example State, C=US';
const INTERMEDIATE = 'CN=Starttls Test Intermediate CA, O=Starttls Test PKI, C=US';
const ROOT = 'CN=Starttls Test Root CA, O=Starttls Test PKI, C=US';

describe('analyzeCertificate on a good chain', () => {
  const leaf = pki.goodLeaf('mx.example.test', { ip: true });
  const peer: PeerCertificates = { chainDer: sentWithIntermediate(leaf), authorized: true };
  const report = analyzeCertificate(peer, { ...options, expectNames: ['mx.example.test', 'mail.example.test'] });

  it('reports every field a user sees', () => {
    const x509 = new X509Certificate(leaf.der);
    expect(report).toEqual({
      subject: LEAF_SUBJECT,
      issuer: INTERMEDIATE,
      san: ['mx.example.test', '127.0.0.1'],
      notBefore: new Date(pki.now.getTime() - 10 * DAY_MS).toISOString(),
      notAfter: new Date(pki.now.getTime() + 90 * DAY_MS + 3_600_000).toISOString(),
      daysLeft: 90,
      expired: false,
      selfSigned: false,
      trusted: true,
      chainComplete: true,
      chain: [
        { subject: LEAF_SUBJECT, issuer: INTERMEDIATE, sha256Fingerprint: x509.fingerprint256 },
        {
          subject: INTERMEDIATE,
          issuer: ROOT,
          sha256Fingerprint: new X509Certificate(pki.intermediate.der).fingerprint256,
        },
      ],
      chainPem: [new X509Certificate(leaf.der).toString(), new X509Certificate(pki.intermediate.der).toString()],
      identityName: 'mx.example.test',
      nameMatch: true,
      expectedNames: [
        { name: 'mx.example.test', matches: true },
        { name: 'mail.example.test', matches: false },
      ],
      keyType: 'RSA',
      keyBits: 2048,
      signatureAlgorithm: 'sha256WithRSAEncryption',
      sha1Thumbprint: x509.fingerprint.replace(/:/g, ''),
      sha256Fingerprint: x509.fingerprint256,
      exchangeTlsCertificateName: `<I>${INTERMEDIATE}<S>${LEAF_SUBJECT}`,
    });
    expect(report).not.toHaveProperty('trustError');
  });

  it('makes no name verdict for an IP-literal target: senders never check an MX certificate against an address', () => {
    for (const host of ['127.0.0.1', '::1', '[::1]']) {
      expect(analyzeCertificate(peer, { ...options, host })).toMatchObject({ identityName: null, nameMatch: null });
    }
  });

  it('judges --servername instead of the probed host, address or not', () => {
    expect(analyzeCertificate(peer, { ...options, host: '127.0.0.1', servername: 'mx.example.test' })).toMatchObject({
      identityName: 'mx.example.test',
      nameMatch: true,
    });
    expect(analyzeCertificate(peer, { ...options, host: 'mx.example.test', servername: 'mail.example.test' })).toMatchObject({
      identityName: 'mail.example.test',
      nameMatch: false,
    });
  });

  it('counts whole days as a person says them: truncated toward zero, never floored below it', () => {
    const notAfter = new Date(report.notAfter).getTime();
    const at = (offsetMs: number) => analyzeCertificate(peer, { ...options, now: new Date(notAfter + offsetMs) });
    expect(at(-1)).toMatchObject({ daysLeft: 0, expired: false });
    expect(at(-DAY_MS - 1)).toMatchObject({ daysLeft: 1, expired: false });
    expect(at(1)).toMatchObject({ daysLeft: 0, expired: true });
    expect(Object.is(at(1).daysLeft, -0)).toBe(false);
    expect(at(DAY_MS + 1)).toMatchObject({ daysLeft: -1, expired: true });
    // The issue's case: 365.006 days past notAfter is "expired 365 days ago", not 366.
    expect(at(365.006 * DAY_MS).daysLeft).toBe(-365);
  });
});

describe('analyzeCertificate on each kind of leaf (synthetic peer data)', () => {
  it('expired leaf: negative days left, trust error passed through', () => {
    const report = analyzeCertificate(
      {
        chainDer: sentWithIntermediate(pki.expiredLeaf()),
        authorized: false,
        authorizationError: 'CERT_HAS_EXPIRED',
      },
      options,
    );
    // notAfter is 4 days 23 hours back: "expired 4 days ago".
    expect(report).toMatchObject({ daysLeft: -4, expired: true, trusted: false, trustError: 'CERT_HAS_EXPIRED', chainComplete: true });
  });

  it('not-yet-valid leaf: notBefore after now', () => {
    const leaf = pki.notYetValidLeaf();
    const report = analyzeCertificate(
      { chainDer: sentWithIntermediate(leaf), authorized: false, authorizationError: 'CERT_NOT_YET_VALID' },
      options,
    );
    expect(report.notBefore).toBe(new Date(pki.now.getTime() + 3 * DAY_MS).toISOString());
    expect(report).toMatchObject({ daysLeft: 400, trustError: 'CERT_NOT_YET_VALID', chainComplete: true });
  });

  it('wrong-name leaf: the target and the expected name do not match', () => {
    const report = analyzeCertificate(
      { chainDer: sentWithIntermediate(pki.wrongNameLeaf()), authorized: true },
      { ...options, expectNames: ['other.example.test', 'mx.example.test'] },
    );
    expect(report.san).toEqual(['other.example.test']);
    expect(report.nameMatch).toBe(false);
    expect(report.expectedNames).toEqual([
      { name: 'other.example.test', matches: true },
      { name: 'mx.example.test', matches: false },
    ]);
  });

  it('self-signed leaf: selfSigned, and its chain is not called incomplete', () => {
    const report = analyzeCertificate(
      {
        chainDer: [b64(pki.selfSignedLeaf().der)],
        authorized: false,
        authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      },
      options,
    );
    expect(report).toMatchObject({
      selfSigned: true,
      chainComplete: true,
      subject: LEAF_SUBJECT,
      issuer: LEAF_SUBJECT,
      trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
  });

  it('subject equal to issuer but signed by another key is not self-signed', () => {
    const leaf = pki.issueLeaf({ subject: INTERMEDIATE_SUBJECT });
    const report = analyzeCertificate({ chainDer: sentWithIntermediate(leaf), authorized: true }, options);
    expect(report.subject).toBe(report.issuer);
    expect(report.selfSigned).toBe(false);
  });

  it('1024-bit RSA leaf: keyBits 1024', () => {
    const report = analyzeCertificate({ chainDer: sentWithIntermediate(pki.weakKeyLeaf()), authorized: true }, options);
    expect(report).toMatchObject({ keyType: 'RSA', keyBits: 1024, signatureAlgorithm: 'sha256WithRSAEncryption' });
  });

  it('SHA-1 and MD5 signed leaves name their signature algorithm', () => {
    const sha1 = analyzeCertificate({ chainDer: sentWithIntermediate(pki.sha1Leaf()), authorized: true }, options);
    expect(sha1.signatureAlgorithm).toBe('sha1WithRSAEncryption');
    const md5Leaf = pki.issueLeaf({ digest: 'md5' });
    const md5 = analyzeCertificate({ chainDer: sentWithIntermediate(md5Leaf), authorized: true }, options);
    expect(md5.signatureAlgorithm).toBe('md5WithRSAEncryption');
  });

  it('EC P-256 leaf issued by an RSA CA', () => {
    const report = analyzeCertificate({ chainDer: sentWithIntermediate(pki.ecLeaf()), authorized: true }, options);
    expect(report).toMatchObject({
      keyType: 'EC',
      keyBits: 256,
      signatureAlgorithm: 'sha256WithRSAEncryption',
      subject: LEAF_SUBJECT,
      issuer: INTERMEDIATE,
      san: ['mx.example.test', '127.0.0.1'],
      selfSigned: false,
      nameMatch: true,
    });
  });

  const selfSignedPeer = (leaf: TestCertificate): PeerCertificates => ({
    chainDer: [b64(leaf.der)],
    authorized: false,
    authorizationError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
  });

  it('self-signed EC P-256 leaf: ecdsa-with-SHA256', () => {
    const report = analyzeCertificate(selfSignedPeer(pki.ecSelfSignedLeaf()), options);
    expect(report).toMatchObject({
      keyType: 'EC',
      keyBits: 256,
      signatureAlgorithm: 'ecdsa-with-SHA256',
      selfSigned: true,
      chainComplete: true,
    });
  });

  it('self-signed Ed25519 leaf (openssl -days 90, made after pki.now)', () => {
    const report = analyzeCertificate(selfSignedPeer(pki.ed25519SelfSignedLeaf()), options);
    expect(report).toMatchObject({
      keyType: 'Ed25519',
      keyBits: 256,
      signatureAlgorithm: 'ED25519',
      selfSigned: true,
      daysLeft: 90,
      san: ['mx.example.test', '127.0.0.1'],
    });
  });

  it('leaf sent without its intermediate: chainComplete false', () => {
    const report = analyzeCertificate(
      { chainDer: [b64(pki.goodLeaf().der)], authorized: false, authorizationError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' },
      options,
    );
    expect(report).toMatchObject({ chainComplete: false, selfSigned: false, trusted: false });
    expect(report.chain).toHaveLength(1);
  });

  it('leaf sent with an unrelated CA instead of its intermediate: chainComplete false', () => {
    const report = analyzeCertificate(
      {
        chainDer: [b64(pki.goodLeaf().der), b64(pki.root.der)],
        authorized: false,
        authorizationError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      },
      options,
    );
    expect(report.chainComplete).toBe(false);
  });

  it('intermediate sent but its root unknown: chain complete, not trusted', () => {
    const report = analyzeCertificate(
      {
        chainDer: sentWithIntermediate(pki.goodLeaf()),
        authorized: false,
        authorizationError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      },
      options,
    );
    expect(report).toMatchObject({
      chainComplete: true,
      trusted: false,
      trustError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    });
  });
});

describe('analyzeCertificate on broken input', () => {
  it('throws CertificateParseError (CERT_PARSE_FAILED) when no certificate was sent', () => {
    expect(() => analyzeCertificate({ chainDer: [], authorized: false }, options)).toThrow(CertificateParseError);
  });

  it('throws CertificateParseError when the leaf is not a certificate', () => {
    let caught: unknown;
    try {
      analyzeCertificate({ chainDer: [b64(Buffer.from('not a certificate'))], authorized: false }, options);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CertificateParseError);
    expect((caught as CertificateParseError).code).toBe('CERT_PARSE_FAILED');
    expect((caught as Error).message).toMatch(/^The server's certificate cannot be parsed/);
  });

  it('still reports when a chain certificate is garbage: empty names, fingerprint of the bytes', () => {
    const garbage = Buffer.from('garbage in the chain');
    const report = analyzeCertificate(
      {
        chainDer: [b64(pki.goodLeaf().der), b64(garbage)],
        authorized: false,
        authorizationError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      },
      options,
    );
    const digest = createHash('sha256').update(garbage).digest('hex').toUpperCase().match(/../g)!.join(':');
    expect(report.chain[1]).toEqual({ subject: '', issuer: '', sha256Fingerprint: digest });
    expect(report.chainComplete).toBe(false);
    expect(report.subject).toBe(LEAF_SUBJECT);
  });
});

describe('analyzeCertificate on a real loopback handshake', () => {
  const ca = [pki.rootPem];

  it('good chain: trusted, complete, the chain Node walked up to the root', async () => {
    const leaf = pki.goodLeaf();
    const peer = await handshakeOnLoopback({ key: leaf.keyPem, cert: leaf.chainPem, ca });
    const report = analyzeCertificate(peer, options);
    expect(report).toMatchObject({ trusted: true, chainComplete: true, selfSigned: false, nameMatch: true });
    expect(report).not.toHaveProperty('trustError');
    expect(report.chain.map((entry) => entry.subject)).toEqual([LEAF_SUBJECT, INTERMEDIATE, ROOT]);
  });

  it('leaf without its intermediate: UNABLE_TO_VERIFY_LEAF_SIGNATURE and chainComplete false', async () => {
    const leaf = pki.goodLeaf();
    const peer = await handshakeOnLoopback({ key: leaf.keyPem, cert: leaf.leafOnlyPem, ca });
    const report = analyzeCertificate(peer, options);
    expect(report).toMatchObject({
      trusted: false,
      trustError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      chainComplete: false,
      selfSigned: false,
    });
    expect(report.chain).toHaveLength(1);
  });

  it('full chain from a root the client does not trust: complete but untrusted', async () => {
    const leaf = pki.goodLeaf();
    const peer = await handshakeOnLoopback({ key: leaf.keyPem, cert: leaf.chainPem });
    const report = analyzeCertificate(peer, options);
    expect(report).toMatchObject({
      trusted: false,
      trustError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      chainComplete: true,
    });
  });

  it('self-signed: DEPTH_ZERO_SELF_SIGNED_CERT, selfSigned, chain not called incomplete', async () => {
    const leaf = pki.selfSignedLeaf();
    const peer = await handshakeOnLoopback({ key: leaf.keyPem, cert: leaf.chainPem, ca });
    const report = analyzeCertificate(peer, options);
    expect(report).toMatchObject({
      trusted: false,
      trustError: 'DEPTH_ZERO_SELF_SIGNED_CERT',
      selfSigned: true,
      chainComplete: true,
      issuer: LEAF_SUBJECT,
    });
  });

  it('expired: CERT_HAS_EXPIRED with days left negative', async () => {
    const leaf = pki.expiredLeaf();
    const peer = await handshakeOnLoopback({ key: leaf.keyPem, cert: leaf.chainPem, ca });
    expect(analyzeCertificate(peer, options)).toMatchObject({
      trusted: false,
      trustError: 'CERT_HAS_EXPIRED',
      daysLeft: -4,
      expired: true,
      chainComplete: true,
    });
  });

  it('wrong name on a chain that verifies: trusted, and only the name fails', async () => {
    const leaf = pki.wrongNameLeaf();
    const peer = await handshakeOnLoopback({ key: leaf.keyPem, cert: leaf.chainPem, ca });
    const report = analyzeCertificate(peer, options);
    expect(report).toMatchObject({ trusted: true, nameMatch: false, identityName: 'mx.example.test', chainComplete: true });
    expect(report).not.toHaveProperty('trustError');
  });

  it('EC leaf behind an RSA intermediate: trusted, EC 256', async () => {
    const leaf = pki.ecLeaf();
    const peer = await handshakeOnLoopback({ key: leaf.keyPem, cert: leaf.chainPem, ca });
    expect(analyzeCertificate(peer, options)).toMatchObject({ trusted: true, keyType: 'EC', keyBits: 256 });
  });

  it('SHA-1 signed leaf: untrusted at the senders\' strength, with a readable reason', async () => {
    const leaf = pki.sha1Leaf();
    const peer = await handshakeOnLoopback({ key: leaf.keyPem, cert: leaf.chainPem, ca, serverCiphers: 'DEFAULT:@SECLEVEL=0' });
    expect(peer.authorized).toBe(true);
    const report = analyzeCertificate(peer, options);
    expect(report).toMatchObject({ trusted: false, trustError: 'CA_MD_TOO_WEAK', signatureAlgorithm: 'sha1WithRSAEncryption', chainComplete: true });
    expect(report.trustReason).toBe(
      "the server's certificate is signed with sha1WithRSAEncryption, too weak for OpenSSL 3 at security level 2 (openssl verify error 68)",
    );
  });

  it('1024-bit RSA leaf: untrusted at the senders\' strength (OpenSSL error 66)', async () => {
    const leaf = pki.weakKeyLeaf();
    const peer = await handshakeOnLoopback({ key: leaf.keyPem, cert: leaf.chainPem, ca, serverCiphers: 'DEFAULT:@SECLEVEL=0' });
    const report = analyzeCertificate(peer, options);
    expect(report).toMatchObject({ trusted: false, trustError: 'EE_KEY_TOO_SMALL', keyBits: 1024 });
    expect(report.trustReason).toBe("the server's certificate has a 1024-bit RSA key, too weak for OpenSSL 3 at security level 2 (openssl verify error 66)");
  });
});
