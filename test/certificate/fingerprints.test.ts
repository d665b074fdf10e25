import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { sha1Thumbprint, sha256Fingerprint } from '../../src/certificate/fingerprints';
import { createTestPki } from '../helpers/pki';

function opensslFingerprint(pem: string, digest: 'sha1' | 'sha256'): string {
  const out = execFileSync('openssl', ['x509', '-noout', '-fingerprint', `-${digest}`], { input: pem }).toString();
  return out.trim().split('=')[1];
}

describe('sha1Thumbprint', () => {
  it('is uppercase hex without separators (known vector: SHA-1 of "abc")', () => {
    expect(sha1Thumbprint(Buffer.from('abc'))).toBe('A9993E364706816ABA3E25717850C26C9CD0D89D');
  });

  it('matches openssl x509 -fingerprint -sha1 with the colons removed', () => {
    const leaf = createTestPki().goodLeaf();
    const thumbprint = sha1Thumbprint(leaf.der);
    expect(thumbprint).toMatch(/^[0-9A-F]{40}$/);
    expect(thumbprint).toBe(opensslFingerprint(leaf.certPem, 'sha1').replace(/:/g, ''));
    expect(thumbprint).toBe(new X509Certificate(leaf.der).fingerprint.replace(/:/g, ''));
  });
});

describe('sha256Fingerprint', () => {
  it('is uppercase hex pairs joined by colons (known vector: SHA-256 of "abc")', () => {
    expect(sha256Fingerprint(Buffer.from('abc'))).toBe(
      'BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD',
    );
  });

  it('matches openssl and Node for an EC leaf', () => {
    const leaf = createTestPki().ecLeaf();
    expect(sha256Fingerprint(leaf.der)).toBe(opensslFingerprint(leaf.certPem, 'sha256'));
    expect(sha256Fingerprint(leaf.der)).toBe(new X509Certificate(leaf.der).fingerprint256);
  });
});
