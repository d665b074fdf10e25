import type Forge from 'node-forge';
import forge from './forge';

/**
 * The parts of an X.509 certificate this layer reads straight from its ASN.1
 * structure. forge.pki.certificateFromAsn1 refuses any key that is not RSA, so
 * the certificate is walked with forge.asn1 alone and works for EC and Ed25519
 * certificates too.
 */
export interface CertificateFields {
  issuer: Forge.asn1.Asn1;
  subject: Forge.asn1.Asn1;
  notBefore?: Date;
  notAfter?: Date;
  /** The outer signatureAlgorithm, dotted form. */
  signatureAlgorithmOid: string;
  /** Extension OID to the DER bytes inside its extnValue OCTET STRING. */
  extensions: Map<string, Buffer>;
}

export interface TbsParts {
  issuer: Forge.asn1.Asn1;
  validity: Forge.asn1.Asn1;
  subject: Forge.asn1.Asn1;
  /** The [3] EXPLICIT wrapper around the Extensions sequence, when present. */
  extensions?: Forge.asn1.Asn1;
}

/** Throws when the bytes are not a certificate-shaped ASN.1 structure. */
export function readCertificateFields(der: Buffer): CertificateFields {
  const certificate = parseDer(der);
  const [tbs, signatureAlgorithm] = childrenOf(certificate, 3);
  const parts = locateTbsParts(tbs);
  const [notBefore, notAfter] = childrenOf(parts.validity, 2).map(readTime);
  return {
    issuer: parts.issuer,
    subject: parts.subject,
    notBefore,
    notAfter,
    signatureAlgorithmOid: readOid(childrenOf(signatureAlgorithm, 1)[0]),
    extensions: readExtensions(parts.extensions),
  };
}

/** Finds issuer, validity, subject and extensions in a TBSCertificate (version is optional). */
export function locateTbsParts(tbs: Forge.asn1.Asn1): TbsParts {
  const fields = childrenOf(tbs, 6);
  const first = fields[0];
  const offset = first.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && first.type === 0 ? 1 : 0;
  if (fields.length < offset + 6) throw new Error('TBSCertificate is missing fields');
  const extensions = fields
    .slice(offset + 6)
    .find((field) => field.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && field.type === 3);
  return {
    issuer: fields[offset + 2],
    validity: fields[offset + 3],
    subject: fields[offset + 4],
    extensions,
  };
}

export function parseDer(der: Buffer): Forge.asn1.Asn1 {
  // The typings only know the boolean form of the options; bit strings stay
  // opaque (forge would otherwise try to parse key bits as nested ASN.1).
  const fromDer = forge.asn1.fromDer as unknown as (
    bytes: Forge.util.ByteBuffer,
    options: { strict: boolean; parseAllBytes: boolean; decodeBitStrings: boolean },
  ) => Forge.asn1.Asn1;
  return fromDer(forge.util.createBuffer(der.toString('binary')), {
    strict: true,
    parseAllBytes: false,
    decodeBitStrings: false,
  });
}

export function childrenOf(node: Forge.asn1.Asn1, atLeast = 0): Forge.asn1.Asn1[] {
  if (!Array.isArray(node.value) || node.value.length < atLeast) {
    throw new Error('Unexpected ASN.1 structure in certificate');
  }
  return node.value;
}

export function primitiveBytes(node: Forge.asn1.Asn1): string {
  if (typeof node.value !== 'string') throw new Error('Expected a primitive ASN.1 value');
  return node.value;
}

export function readOid(node: Forge.asn1.Asn1): string {
  if (node.tagClass !== forge.asn1.Class.UNIVERSAL || node.type !== forge.asn1.Type.OID) {
    throw new Error('Expected an OBJECT IDENTIFIER');
  }
  return forge.asn1.derToOid(primitiveBytes(node));
}

function readTime(node: Forge.asn1.Asn1): Date | undefined {
  try {
    if (node.type === forge.asn1.Type.UTCTIME) return forge.asn1.utcTimeToDate(primitiveBytes(node));
    if (node.type === forge.asn1.Type.GENERALIZEDTIME) {
      return forge.asn1.generalizedTimeToDate(primitiveBytes(node));
    }
  } catch {
    // Left undefined: the caller falls back to Node's reading of the validity.
  }
  return undefined;
}

function readExtensions(wrapper: Forge.asn1.Asn1 | undefined): Map<string, Buffer> {
  const extensions = new Map<string, Buffer>();
  if (!wrapper) return extensions;
  const [sequence] = childrenOf(wrapper, 1);
  for (const extension of childrenOf(sequence)) {
    const parts = childrenOf(extension, 2);
    const value = parts[parts.length - 1];
    extensions.set(readOid(parts[0]), Buffer.from(primitiveBytes(value), 'binary'));
  }
  return extensions;
}
