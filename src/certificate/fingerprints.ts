import { createHash } from 'node:crypto';

/** SHA-1 of the DER, uppercase hex without separators: Exchange's Thumbprint. */
export function sha1Thumbprint(der: Buffer): string {
  return createHash('sha1').update(der).digest('hex').toUpperCase();
}

/** SHA-256 of the DER, uppercase hex pairs joined by colons. */
export function sha256Fingerprint(der: Buffer): string {
  const hex = createHash('sha256').update(der).digest('hex').toUpperCase();
  return hex.match(/../g)!.join(':');
}
