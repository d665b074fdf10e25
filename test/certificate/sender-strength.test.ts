import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chainStrengthFailure, keySecurityBits } from '../../src/certificate/sender-strength';
import { createTestPki, INTERMEDIATE_SUBJECT, type TestCa, type TestCertificate } from '../helpers/pki';

const pki = createTestPki();

/** `openssl verify -auth_level 2`: the tie-breaker, as a sender's OpenSSL 3 on Debian/Ubuntu/RHEL judges. */
function opensslVerdict(leaf: TestCertificate, intermediate: TestCa): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'starttls-strength-'));
  const file = (name: string, text: string) => {
    writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  };
  try {
    const args = ['verify', '-auth_level', '2', '-CAfile', file('root.pem', pki.rootPem), '-untrusted', file('int.pem', intermediate.certPem), file('leaf.pem', leaf.certPem)];
    return execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString().includes(': OK') ? 'OK' : 'failed';
  } catch (err) {
    const out = `${(err as { stdout?: Buffer }).stdout ?? ''}${(err as { stderr?: Buffer }).stderr ?? ''}`;
    return /error (\d+) at (\d+) depth/.exec(out)?.slice(1, 3).join('@') ?? out;
  }
}

function ours(leaf: TestCertificate, intermediate: TestCa): string {
  const failure = chainStrengthFailure([leaf.der, intermediate.der, pki.root.der]);
  if (!failure) return 'OK';
  return String({ EE_KEY_TOO_SMALL: 66, CA_KEY_TOO_SMALL: 67, CA_MD_TOO_WEAK: 68 }[failure.code]);
}

describe('chain strength at the senders\' security level, against openssl verify -auth_level 2', () => {
  const weakCa = pki.issueCa([...INTERMEDIATE_SUBJECT.slice(0, 2), { shortName: 'CN', value: 'Weak Key CA' }], { keyBits: 1024 });
  const sha1Ca = pki.issueCa([...INTERMEDIATE_SUBJECT.slice(0, 2), { shortName: 'CN', value: 'SHA-1 Signed CA' }], { digest: 'sha1' });
  const cases: [string, TestCertificate, TestCa][] = [
    ['a good chain', pki.goodLeaf(), pki.intermediate],
    ['an RSA-1024 leaf', pki.weakKeyLeaf(), pki.intermediate],
    ['a SHA-1 signed leaf', pki.sha1Leaf(), pki.intermediate],
    ['an RSA-1024, SHA-1 signed leaf', pki.issueLeaf({ keyBits: 1024, digest: 'sha1' }), pki.intermediate],
    ['an intermediate with an RSA-1024 key', pki.issueLeaf({ issuer: weakCa }), weakCa],
    ['an intermediate the root signed with SHA-1', pki.issueLeaf({ issuer: sha1Ca }), sha1Ca],
  ];

  it.each(cases)('%s: the same verdict as openssl', (_name, leaf, intermediate) => {
    const expected = opensslVerdict(leaf, intermediate);
    expect(ours(leaf, intermediate)).toBe(expected === 'OK' ? 'OK' : expected.split('@')[0]);
  });

  it('names the weak part in words, with OpenSSL\'s error number', () => {
    expect(chainStrengthFailure([pki.issueLeaf({ issuer: sha1Ca }).der, sha1Ca.der, pki.root.der])?.reason).toBe(
      'the CA certificate at depth 1 is signed with sha1WithRSAEncryption, too weak for OpenSSL 3 at security level 2 (openssl verify error 68)',
    );
    expect(chainStrengthFailure([pki.issueLeaf({ issuer: weakCa }).der, weakCa.der, pki.root.der])?.reason).toBe(
      'the issuing CA certificate at depth 1 has a 1024-bit RSA key, too weak for OpenSSL 3 at security level 2 (openssl verify error 67)',
    );
  });

  it('does not judge the trust anchor\'s own signature (a SHA-1 self-signed root is fine)', () => {
    const sha1Root = pki.issueCa([{ shortName: 'CN', value: 'Old SHA-1 Root' }], { selfSigned: true, digest: 'sha1' });
    expect(chainStrengthFailure([pki.goodLeaf().der, sha1Root.der])).toBeUndefined();
  });

  it('credits keys as OpenSSL does', () => {
    expect([1024, 2048, 3072, 4096].map((bits) => keySecurityBits('RSA', bits))).toEqual([80, 112, 128, 128]);
    expect(keySecurityBits('EC', 256)).toBe(128);
    expect(keySecurityBits('Ed25519', 256)).toBe(128);
    expect(keySecurityBits('unknown', 0)).toBeUndefined();
  });
});
