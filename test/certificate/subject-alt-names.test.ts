import {
  formatIpAddress,
  parseNodeSubjectAltName,
  readSubjectAltNames,
  SUBJECT_ALT_NAME_OID,
} from '../../src/certificate/subject-alt-names';
import { readCertificateFields } from '../../src/certificate/certificate-fields';
import { createTestPki } from '../helpers/pki';

describe('readSubjectAltNames', () => {
  it('returns DNS names and IP addresses in certificate order', () => {
    const leaf = createTestPki().issueLeaf({
      dnsNames: ['mx.example.test', 'mail.example.test'],
      ipAddresses: ['127.0.0.1', '::1'],
    });
    const extension = readCertificateFields(leaf.der).extensions.get(SUBJECT_ALT_NAME_OID)!;
    expect(readSubjectAltNames(extension)).toEqual(['mx.example.test', 'mail.example.test', '127.0.0.1', '::1']);
  });
});

describe('formatIpAddress', () => {
  it('prints IPv4 dotted and IPv6 in RFC 5952 form', () => {
    expect(formatIpAddress(Buffer.from([127, 0, 0, 1]))).toBe('127.0.0.1');
    const v6 = Buffer.alloc(16);
    v6.writeUInt16BE(0x2001, 0);
    v6.writeUInt16BE(0x0db8, 2);
    v6.writeUInt16BE(0x0001, 14);
    expect(formatIpAddress(v6)).toBe('2001:db8::1');
    expect(formatIpAddress(Buffer.alloc(3))).toBeUndefined();
  });
});

describe('parseNodeSubjectAltName', () => {
  it("keeps DNS and IP entries of Node's text form", () => {
    expect(parseNodeSubjectAltName('DNS:mx.example.test, IP Address:127.0.0.1, email:a@example.test')).toEqual([
      'mx.example.test',
      '127.0.0.1',
    ]);
    expect(parseNodeSubjectAltName(undefined)).toEqual([]);
  });
});
