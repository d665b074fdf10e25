import type Forge from 'node-forge';
import forge, { certificateToAsn1 } from './forge';
import { childrenOf, locateTbsParts, readCertificateFields, readOid } from './certificate-fields';

export interface DnAttribute {
  /** Dotted attribute type, e.g. 2.5.4.3. */
  oid: string;
  value: string;
}

/** One RelativeDistinguishedName: usually one attribute, several when multi-valued. */
export type Rdn = DnAttribute[];

// The attribute names .NET (and so Exchange) prints, from the Windows OID
// table; any other attribute type is printed as OID.<dotted>. Note S, not ST,
// and E for emailAddress.
const SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'S',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '2.5.4.13': 'Description',
  '2.5.4.17': 'PostalCode',
  '2.5.4.18': 'POBox',
  '2.5.4.20': 'Phone',
  '2.5.4.24': 'X21Address',
  '2.5.4.42': 'G',
  '2.5.4.43': 'I',
  '2.5.4.46': 'dnQualifier',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'E',
};

/** The characters that make Windows/.NET put a value in double quotes (\r is not one). */
const NEEDS_QUOTES = /[,+="\n<>#;]/;
const QUOTABLE_EDGE_WHITESPACE = /^[ \t\n\v\f\r]|[ \t\n\v\f\r]$/;

/**
 * Formats RDNs given in DER order the way .NET's X500DistinguishedName.Name
 * (X500DistinguishedNameFlags.Reversed) does, which is what
 * Get-ExchangeCertificate shows: most specific first, ", " between RDNs,
 * " + " inside a multi-valued RDN (kept in encoded order).
 */
export function formatDistinguishedName(rdns: readonly Rdn[]): string {
  return [...rdns]
    .reverse()
    .map((rdn) => rdn.map(formatAttribute).join(' + '))
    .join(', ');
}

export function formatAttribute(attribute: DnAttribute): string {
  const name = SHORT_NAMES[attribute.oid] ?? `OID.${attribute.oid}`;
  return `${name}=${quoteValue(attribute.value)}`;
}

export function quoteValue(value: string): string {
  const quote = value === '' || QUOTABLE_EDGE_WHITESPACE.test(value) || NEEDS_QUOTES.test(value);
  return quote ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Reads an ASN.1 Name (SEQUENCE OF SET OF AttributeTypeAndValue) into RDNs, DER order. */
export function readRdnSequence(name: Forge.asn1.Asn1): Rdn[] {
  return childrenOf(name).map((set) =>
    childrenOf(set, 1).map((typeAndValue) => {
      const [type, value] = childrenOf(typeAndValue, 2);
      return { oid: readOid(type), value: decodeAttributeValue(value) };
    }),
  );
}

export function formatName(name: Forge.asn1.Asn1): string {
  return formatDistinguishedName(readRdnSequence(name));
}

/** Subject in Exchange's form, from a forge certificate or a certificate's DER. */
export function subjectDistinguishedName(cert: Forge.pki.Certificate | Buffer): string {
  return formatName(namesOf(cert).subject);
}

/** Issuer in Exchange's form, from a forge certificate or a certificate's DER. */
export function issuerDistinguishedName(cert: Forge.pki.Certificate | Buffer): string {
  return formatName(namesOf(cert).issuer);
}

function namesOf(cert: Forge.pki.Certificate | Buffer): { subject: Forge.asn1.Asn1; issuer: Forge.asn1.Asn1 } {
  if (Buffer.isBuffer(cert)) return readCertificateFields(cert);
  // A parsed certificate keeps its original TBS, which preserves multi-valued
  // RDNs and string types; forge's attribute list flattens both.
  const parsedTbs = cert.tbsCertificate as Forge.asn1.Asn1 | undefined;
  const tbs = parsedTbs ?? childrenOf(certificateToAsn1(cert), 1)[0];
  return locateTbsParts(tbs);
}

// Universal tags of the ASN.1 character string types (forge's typings name only a few).
const UTF8_STRING = 12;
const NUMERIC_STRING = 18;
const PRINTABLE_STRING = 19;
const T61_STRING = 20;
const IA5_STRING = 22;
const GRAPHIC_STRING = 25;
const VISIBLE_STRING = 26;
const GENERAL_STRING = 27;
const UNIVERSAL_STRING = 28;
const BMP_STRING = 30;

function decodeAttributeValue(node: Forge.asn1.Asn1): string {
  if (node.tagClass === forge.asn1.Class.UNIVERSAL && typeof node.value === 'string') {
    const bytes = Buffer.from(node.value, 'binary');
    switch (node.type as number) {
      case UTF8_STRING:
        return bytes.toString('utf8');
      case BMP_STRING:
        return decodeUtf16be(bytes);
      case UNIVERSAL_STRING:
        return decodeUtf32be(bytes);
      case NUMERIC_STRING:
      case PRINTABLE_STRING:
      case T61_STRING:
      case IA5_STRING:
      case GRAPHIC_STRING:
      case VISIBLE_STRING:
      case GENERAL_STRING:
        return bytes.toString('latin1');
    }
  }
  // Not a character string: shown as # and the hex of its DER (RFC 4514),
  // where .NET would give up on the whole name.
  return `#${Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary').toString('hex')}`;
}

function decodeUtf16be(bytes: Buffer): string {
  const swapped = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  return swapped.swap16().toString('utf16le');
}

function decodeUtf32be(bytes: Buffer): string {
  let text = '';
  for (let i = 0; i + 4 <= bytes.length; i += 4) {
    const codePoint = bytes.readUInt32BE(i);
    text += codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '\ufffd';
  }
  return text;
}
