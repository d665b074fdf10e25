import type { KeyObject } from 'node:crypto';

export interface PublicKeyInfo {
  /** RSA, RSA-PSS, EC, Ed25519, Ed448, DSA; Node's own name for anything else. */
  keyType: string;
  keyBits: number;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  rsa: 'RSA',
  'rsa-pss': 'RSA-PSS',
  ec: 'EC',
  ed25519: 'Ed25519',
  ed448: 'Ed448',
  dsa: 'DSA',
  dh: 'DH',
  x25519: 'X25519',
  x448: 'X448',
};

const CURVE_BITS: Readonly<Record<string, number>> = {
  prime256v1: 256,
  secp256r1: 256,
  secp256k1: 256,
  secp384r1: 384,
  secp521r1: 521,
};

// Key sizes of the fixed-size key types, as OpenSSL reports them.
const FIXED_BITS: Readonly<Record<string, number>> = {
  ed25519: 256,
  ed448: 456,
  x25519: 253,
  x448: 448,
};

/** Uses Node's KeyObject because forge cannot read anything but RSA keys. */
export function describePublicKey(key: KeyObject): PublicKeyInfo {
  const type = key.asymmetricKeyType ?? 'unknown';
  const details = key.asymmetricKeyDetails ?? {};
  let keyBits = details.modulusLength ?? FIXED_BITS[type] ?? 0;
  if (type === 'ec' && details.namedCurve) {
    keyBits = CURVE_BITS[details.namedCurve] ?? Number(/\d{3}/.exec(details.namedCurve)?.[0] ?? 0);
  }
  return { keyType: TYPE_NAMES[type] ?? type, keyBits };
}
