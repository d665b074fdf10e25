import { X509Certificate } from 'node:crypto';
import { readCertificateFields } from './certificate-fields';
import { describePublicKey } from './public-key';
import { signatureAlgorithmName } from './signature-algorithm';

/**
 * The OpenSSL security level validating senders verify at. Upstream OpenSSL 3 (and Node)
 * default to 1, which already refuses SHA-1 signatures; Debian, Ubuntu and RHEL ship their
 * OpenSSL 3 at level 2, which refuses RSA keys under 2048 bits too. Senders that validate run
 * on those systems (Postfix, Exim), and Exchange Online wants 2048-bit keys as well, so the
 * chain is judged at 2: the same line the cert-weak-key rule draws.
 */
export const SENDER_SECURITY_LEVEL = 2;

/** OpenSSL's minimum security bits per level (SSL_CTX_set_security_level(3)). */
const LEVEL_BITS: readonly number[] = [0, 80, 112, 128, 192, 256];

/** Security bits OpenSSL 3 credits a signature's digest with (SHA-1 63, MD5 39). */
const DIGEST_BITS: readonly [RegExp, number][] = [
  [/md2|md4|md5/i, 39],
  [/sha-?1(?![0-9])/i, 63],
  [/sha-?224/i, 112],
  [/sha-?256|ED25519|rsassaPss/i, 128],
  [/sha-?384/i, 192],
  [/sha-?512|ED448/i, 256],
];

export interface StrengthFailure {
  /** OpenSSL's X509_V_ERR_ name without the prefix, as Node names verification errors. */
  code: 'EE_KEY_TOO_SMALL' | 'CA_KEY_TOO_SMALL' | 'CA_MD_TOO_WEAK';
  /** One sentence a person can act on. */
  reason: string;
}

const ERROR_NUMBER: Record<StrengthFailure['code'], number> = { EE_KEY_TOO_SMALL: 66, CA_KEY_TOO_SMALL: 67, CA_MD_TOO_WEAK: 68 };

/**
 * What OpenSSL's check_auth_level refuses in a chain that otherwise verifies, at the
 * senders' level: the leaf's key, then every issuer's key, then every signature but the
 * trust anchor's own. `chain` is leaf first, the anchor last (Node's walk of a verified
 * chain). Undefined when the chain is strong enough; parts that cannot be read are not judged.
 */
export function chainStrengthFailure(chain: readonly Buffer[], level = SENDER_SECURITY_LEVEL): StrengthFailure | undefined {
  const needed = LEVEL_BITS[level] ?? 0;
  const certs = chain.map((der) => readCert(der));
  for (const [depth, cert] of certs.entries()) {
    if (!cert) continue;
    const bits = keySecurityBits(cert.keyType, cert.keyBits);
    if (bits !== undefined && bits < needed) {
      const code = depth === 0 ? 'EE_KEY_TOO_SMALL' : 'CA_KEY_TOO_SMALL';
      const whose = depth === 0 ? "the server's certificate" : `the issuing CA certificate at depth ${depth}`;
      return failure(code, `${whose} has a ${cert.keyBits}-bit ${cert.keyType} key, too weak for OpenSSL 3 at security level ${level}`);
    }
  }
  for (const [depth, cert] of certs.slice(0, -1).entries()) {
    const bits = cert ? digestSecurityBits(cert.signatureAlgorithm) : undefined;
    if (cert && bits !== undefined && bits < needed) {
      const whose = depth === 0 ? "the server's certificate" : `the CA certificate at depth ${depth}`;
      return failure('CA_MD_TOO_WEAK', `${whose} is signed with ${cert.signatureAlgorithm}, too weak for OpenSSL 3 at security level ${level}`);
    }
  }
  return undefined;
}

function failure(code: StrengthFailure['code'], sentence: string): StrengthFailure {
  return { code, reason: `${sentence} (openssl verify error ${ERROR_NUMBER[code]})` };
}

interface ReadCert {
  keyType: string;
  keyBits: number;
  signatureAlgorithm: string;
}

function readCert(der: Buffer): ReadCert | undefined {
  try {
    const key = describePublicKey(new X509Certificate(der).publicKey);
    return { ...key, signatureAlgorithm: signatureAlgorithmName(readCertificateFields(der).signatureAlgorithmOid) };
  } catch {
    return undefined;
  }
}

/** OpenSSL's EVP_PKEY_get_security_bits for the key types a certificate carries. */
export function keySecurityBits(keyType: string, keyBits: number): number | undefined {
  if (keyBits <= 0) return undefined;
  switch (keyType) {
    case 'RSA':
    case 'RSA-PSS':
    case 'DSA':
      return finiteFieldBits(keyBits);
    case 'EC':
      return Math.floor(keyBits / 2);
    case 'Ed25519':
      return 128;
    case 'Ed448':
      return 224;
    default:
      return undefined;
  }
}

/** BN_security_bits: RSA/DSA modulus size to symmetric strength. */
function finiteFieldBits(bits: number): number {
  if (bits >= 15360) return 256;
  if (bits >= 7680) return 192;
  if (bits >= 3072) return 128;
  if (bits >= 2048) return 112;
  if (bits >= 1024) return 80;
  return 0;
}

function digestSecurityBits(algorithm: string): number | undefined {
  return DIGEST_BITS.find(([pattern]) => pattern.test(algorithm))?.[1];
}
