import fc from 'fast-check';
import forge from 'node-forge';
import { analyzeCertificate, CertificateParseError } from '../../src/certificate/analyze';
import { formatAttribute, formatDistinguishedName, formatName, type Rdn } from '../../src/certificate/distinguished-name';
import { splitDistinguishedName } from '../../src/exchange-config/tls-certificate-name';
import { createTestPki } from '../helpers/pki';

const { asn1 } = forge;

// Attribute types a certificate may carry: the common ones and arbitrary dotted OIDs.
const oid = fc.oneof(
  fc.constantFrom('2.5.4.3', '2.5.4.10', '2.5.4.11', '2.5.4.6', '1.2.840.113549.1.9.1', '0.9.2342.19200300.100.1.25'),
  fc.array(fc.nat({ max: 100_000 }), { minLength: 1, maxLength: 6 }).map((arcs) => `1.3.${arcs.join('.')}`),
);
const value = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '"', '""', ',', 'a, O=b', '*bold* <!channel>', '\r\n', '#00', 'x\u00a0', ' lead', 'trail '),
);
const rdns = fc.array(fc.tuple(oid, value).map(([o, v]): Rdn => [{ oid: o, value: v }]), { minLength: 1, maxLength: 6 });

// String types (and a few that are not strings) with arbitrary content bytes, as a hostile CA could encode them.
const TAGS = [12, 18, 19, 20, 22, 25, 26, 27, 28, 30, 2, 4, 5, 1];
const encodedValue = fc.tuple(fc.constantFrom(...TAGS), fc.uint8Array({ maxLength: 48 })).map(([tag, bytes]) =>
  asn1.create(asn1.Class.UNIVERSAL, tag, false, Buffer.from(bytes).toString('binary')),
);
const attribute = fc.tuple(oid, encodedValue).map(([o, v]) =>
  asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(o).getBytes()), v]),
);
const encodedName = fc
  .array(fc.array(attribute, { minLength: 1, maxLength: 3 }), { maxLength: 5 })
  .map((sets) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, sets.map((s) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, s))));

describe('certificate field decoding against arbitrary input (fast-check)', () => {
  it('formats any attribute values so that Exchange-side splitting gives back the same RDNs', () => {
    fc.assert(
      fc.property(rdns, (list) => {
        const dn = formatDistinguishedName(list);
        expect(splitDistinguishedName(dn)).toEqual([...list].reverse().map((rdn) => formatAttribute(rdn[0])));
      }),
      { numRuns: 400 },
    );
  });

  it('decodes a Name with any string types and bytes (through DER and back) without throwing', () => {
    fc.assert(
      fc.property(encodedName, (node) => {
        const name = asn1.fromDer(asn1.toDer(node));
        const text = formatName(name);
        expect(typeof text).toBe('string');
        expect(text.split(', ').length).toBeGreaterThanOrEqual(Math.max(1, (name.value as unknown[]).length));
      }),
      { numRuns: 300 },
    );
  });

  it('judges arbitrary bytes or a damaged real certificate, or throws the coded CertificateParseError, nothing else', () => {
    const der = createTestPki().goodLeaf().der;
    const damaged = fc.array(fc.tuple(fc.nat({ max: der.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((edits) => {
      const copy = Buffer.from(der);
      for (const [at, byte] of edits) copy[at] = byte;
      return copy;
    });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.from(b)), damaged), (bytes) => {
        try {
          const report = analyzeCertificate({ chainDer: [bytes.toString('base64')], authorized: false }, { host: 'mx.example.test', expectNames: [], now: new Date() });
          expect(typeof report.subject).toBe('string');
          expect(Array.isArray(report.san)).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(CertificateParseError);
          expect((err as CertificateParseError).code).toBe('CERT_PARSE_FAILED');
        }
      }),
      { numRuns: 300 },
    );
  });
});
