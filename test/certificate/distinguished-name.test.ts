import { execFileSync } from 'node:child_process';
import forge from 'node-forge';
import {
  formatDistinguishedName,
  formatName,
  issuerDistinguishedName,
  quoteValue,
  readRdnSequence,
  subjectDistinguishedName,
  type Rdn,
} from '../../src/certificate/distinguished-name';
import { createTestPki, leafSubject } from '../helpers/pki';

const { asn1 } = forge;
const oids = forge.pki.oids as Record<string, string>;
const OID = {
  CN: oids.commonName,
  C: oids.countryName,
  L: oids.localityName,
  ST: oids.stateOrProvinceName,
  O: oids.organizationName,
  OU: oids.organizationalUnitName,
  email: oids.emailAddress,
};

function attribute(oid: string, value: string, type: number = asn1.Type.UTF8): forge.asn1.Asn1 {
  const encoded = type === asn1.Type.UTF8 ? forge.util.encodeUtf8(value) : value;
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(oid).getBytes()),
    asn1.create(asn1.Class.UNIVERSAL, type as forge.asn1.Type, false, encoded),
  ]);
}
const rdn = (...attributes: forge.asn1.Asn1[]) =>
  asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, attributes);
const name = (...rdns: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, rdns);
/** Through DER and back, as a name read from a real certificate would be. */
const reparsed = (node: forge.asn1.Asn1) => asn1.fromDer(asn1.toDer(node));
const single = (oid: string, value: string): Rdn => [{ oid, value }];

describe('formatDistinguishedName', () => {
  it('prints the most specific RDN first (reverse of DER order) with ", " between parts', () => {
    const derOrder: Rdn[] = [
      single(OID.C, 'US'),
      single(OID.ST, 'Example State'),
      single(OID.L, 'Springfield'),
      single(OID.O, 'Example Test Org'),
      single(OID.OU, 'Mail'),
      single(OID.CN, 'mx.example.test'),
      single(OID.email, 'postmaster@example.test'),
    ];
    expect(formatDistinguishedName(derOrder)).toBe(
      'E=postmaster@example.test, CN=mx.example.test, OU=Mail, O=Example Test Org, ' +
        'L=Springfield, S=Example State, C=US',
    );
  });

  it.each([
    [oids.streetAddress, 'STREET=1 Example Road'],
    ['0.9.2342.19200300.100.1.25', 'DC=1 Example Road'],
    [oids.serialNumber, 'SERIALNUMBER=1 Example Road'],
    [oids.givenName, 'G=1 Example Road'],
    [oids.surname, 'SN=1 Example Road'],
    [oids.title, 'T=1 Example Road'],
    ['2.5.4.43', 'I=1 Example Road'],
    [oids.postalCode, 'PostalCode=1 Example Road'],
    ['2.5.4.15', 'OID.2.5.4.15=1 Example Road'],
    ['1.3.6.1.4.1.311.60.2.1.3', 'OID.1.3.6.1.4.1.311.60.2.1.3=1 Example Road'],
    ['1.2.840.999999', 'OID.1.2.840.999999=1 Example Road'],
  ])('names attribute %s the way .NET does', (oid, expected) => {
    expect(formatDistinguishedName([single(oid, '1 Example Road')])).toBe(expected);
  });

  it('prints an empty name as an empty string', () => {
    expect(formatDistinguishedName([])).toBe('');
  });
});

describe('quoteValue', () => {
  it.each([
    ['Example, Inc.', '"Example, Inc."'],
    ['a+b', '"a+b"'],
    ['a=b', '"a=b"'],
    ['say "hi"', '"say ""hi"""'],
    [' leading', '" leading"'],
    ['trailing ', '"trailing "'],
    ['tab\t', '"tab\t"'],
    ['#1', '"#1"'],
    ['a;b', '"a;b"'],
    ['<a>', '"<a>"'],
    ['line\nbreak', '"line\nbreak"'],
    ['', '""'],
  ])('quotes %j as %j', (value, expected) => {
    expect(quoteValue(value)).toBe(expected);
  });

  it.each(['Example Inc.', 'two  spaces', 'mx.example.test', '*.example.test', 'Société', 'a\rb', 'back\\slash'])(
    'leaves %j as it is',
    (value) => {
      expect(quoteValue(value)).toBe(value);
    },
  );
});

describe('readRdnSequence / formatName on ASN.1 names', () => {
  it('joins a multi-valued RDN with " + " in encoded order, and still reverses the RDNs', () => {
    const multi = name(
      rdn(attribute(OID.C, 'US', asn1.Type.PRINTABLESTRING)),
      rdn(attribute(OID.O, 'Example Test Org')),
      rdn(attribute(OID.CN, 'mx.example.test'), attribute(OID.OU, 'Mail')),
    );
    expect(formatName(reparsed(multi))).toBe('CN=mx.example.test + OU=Mail, O=Example Test Org, C=US');
  });

  it('decodes UTF8String, BMPString and UniversalString values', () => {
    const bmp = Buffer.from('Zürich Örg', 'utf16le').swap16().toString('binary');
    const universal = Buffer.alloc(8);
    universal.writeUInt32BE(0x1f600, 0);
    universal.writeUInt32BE(0x41, 4);
    const node = name(
      rdn(attribute(OID.L, bmp, asn1.Type.BMPSTRING)),
      rdn(attribute(OID.O, universal.toString('binary'), 28)),
      rdn(attribute(OID.CN, 'Société Générale')),
    );
    expect(readRdnSequence(reparsed(node))).toEqual([
      [{ oid: OID.L, value: 'Zürich Örg' }],
      [{ oid: OID.O, value: '😀A' }],
      [{ oid: OID.CN, value: 'Société Générale' }],
    ]);
  });

  it('shows a value that is not a character string as # and its DER in hex', () => {
    const integerValue = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer('1.2.840.999999').getBytes()),
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, '\x05'),
    ]);
    expect(formatName(reparsed(name(rdn(integerValue))))).toBe('OID.1.2.840.999999="#020105"');
  });
});

describe('subjectDistinguishedName / issuerDistinguishedName on certificates', () => {
  const pki = createTestPki();

  it('formats a PKI leaf from its forge certificate and from its DER alike', () => {
    const leaf = pki.goodLeaf();
    const forgeCert = forge.pki.certificateFromPem(leaf.certPem);
    const subject = 'CN=mx.example.test, O=Example Test Org, L=Springfield, S=Example State, C=US';
    const issuer = 'CN=Starttls Test Intermediate CA, O=Starttls Test PKI, C=US';
    expect(subjectDistinguishedName(forgeCert)).toBe(subject);
    expect(subjectDistinguishedName(leaf.der)).toBe(subject);
    expect(issuerDistinguishedName(forgeCert)).toBe(issuer);
    expect(issuerDistinguishedName(leaf.der)).toBe(issuer);
  });

  it('formats a certificate forge has built but never parsed', () => {
    const { cert } = pki.intermediate;
    expect(subjectDistinguishedName(cert)).toBe('CN=Starttls Test Intermediate CA, O=Starttls Test PKI, C=US');
    expect(issuerDistinguishedName(cert)).toBe('CN=Starttls Test Root CA, O=Starttls Test PKI, C=US');
  });

  it('reconstructs the DigiCert issuer form from the forum thread', () => {
    const digicert = pki.issueCa([
      { shortName: 'C', value: 'US' },
      { shortName: 'O', value: 'DigiCert Inc' },
      { shortName: 'CN', value: 'DigiCert Global G2 TLS RSA SHA256 2020 CA1' },
    ]);
    const leaf = pki.issueLeaf({ host: '*.example.test', issuer: digicert });
    expect(issuerDistinguishedName(leaf.der)).toBe(
      'CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US',
    );
    expect(subjectDistinguishedName(leaf.der)).toBe(
      'CN=*.example.test, O=Example Test Org, L=Springfield, S=Example State, C=US',
    );
  });

  it('quotes values with commas and doubles inner quotes in a real certificate', () => {
    const leaf = pki.issueLeaf({
      subject: [
        { shortName: 'C', value: 'US' },
        { shortName: 'O', value: 'Example, "Mail" Inc.' },
        { shortName: 'CN', value: 'mx.example.test' },
      ],
    });
    expect(subjectDistinguishedName(leaf.der)).toBe('CN=mx.example.test, O="Example, ""Mail"" Inc.", C=US');
  });

  it('reads an EC certificate that forge itself refuses to parse', () => {
    const ec = pki.ecLeaf();
    expect(() => forge.pki.certificateFromPem(ec.certPem)).toThrow();
    expect(subjectDistinguishedName(ec.der)).toBe(
      'CN=mx.example.test, O=Example Test Org, L=Springfield, S=Example State, C=US',
    );
  });

  it('orders parts as OpenSSL does in RFC 2253 form (most specific first)', () => {
    const leaf = pki.goodLeaf();
    const openssl = execFileSync('openssl', ['x509', '-noout', '-subject', '-nameopt', 'RFC2253'], {
      input: leaf.certPem,
    })
      .toString()
      .trim();
    const values = (text: string) =>
      text
        .replace(/^subject=/, '')
        .split(/,\s?/)
        .map((part) => part.split('=')[1]);
    expect(values(subjectDistinguishedName(leaf.der))).toEqual(values(openssl));
    expect(values(openssl)).toEqual(leafSubject('mx.example.test').map((a) => a.value).reverse());
  });
});
