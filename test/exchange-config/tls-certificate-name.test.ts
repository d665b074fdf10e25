import {
  commonName,
  namesCertificate,
  normaliseDistinguishedName,
  parseTlsCertificateName,
  splitDistinguishedName,
  tlsCertificateNameOf,
} from '../../src/exchange-config/tls-certificate-name';
import type { TlsCertificateNameValue } from '../../src/exchange-config/types';
import { fixture, NEW_ISSUER, OLD_ISSUER, WILDCARD_SUBJECT } from './helpers/format-list';
import { parseFormatList, propertyMap } from '../../src/exchange-config/format-list';

function ok(text: string): TlsCertificateNameValue {
  const parsed = parseTlsCertificateName(text);
  if (parsed.kind !== 'ok') throw new Error(`expected ok, got ${parsed.kind}`);
  return parsed.value;
}

describe('parseTlsCertificateName', () => {
  it('splits <I>issuer<S>subject', () => {
    expect(ok(`<I>${NEW_ISSUER}<S>${WILDCARD_SUBJECT}`)).toMatchObject({ issuer: NEW_ISSUER, subject: WILDCARD_SUBJECT, damaged: false });
  });

  it('classes blank values as empty', () => {
    expect(parseTlsCertificateName('')).toEqual({ kind: 'empty' });
    expect(parseTlsCertificateName(undefined)).toEqual({ kind: 'empty' });
  });

  it.each([
    ['mail.contoso.com', 'it is a host name; Exchange expects <I>issuer<S>subject'],
    [`<S>${WILDCARD_SUBJECT}<I>${NEW_ISSUER}`, '<S> comes before <I>; Exchange expects <I>issuer<S>subject'],
    [`<I>${NEW_ISSUER}`, 'the <S> (subject) part is missing'],
    [`${WILDCARD_SUBJECT}<S>x`, 'the <I> (issuer) part is missing'],
    ['<I>DigiCert<S>*.contoso.com', 'the issuer part is not a distinguished name (no CN=...)'],
    [`x<I>${NEW_ISSUER}<S>${WILDCARD_SUBJECT}`, 'there is text before <I>'],
  ])('says why %j is malformed', (text, reason) => {
    expect(parseTlsCertificateName(text)).toEqual({ kind: 'malformed', raw: text, reason });
  });

  it('reads the thread value and marks it damaged (the O= value is longer than X.520 allows)', () => {
    const props = propertyMap(parseFormatList(fixture('thread-receive-connector-extract.txt')).blocks[0]);
    const value = ok(props.get('tlscertificatename') ?? '');
    expect(value.issuer).toBe('CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US');
    expect(value.damaged).toBe(true);
    expect(commonName(value.subject)).toBe('*.XXXXX.com');
  });
});

describe('namesCertificate', () => {
  const cert = { issuer: NEW_ISSUER, subject: WILDCARD_SUBJECT };

  it('matches the same Issuer and Subject, spacing around commas aside', () => {
    expect(namesCertificate(ok(`<I>${NEW_ISSUER.replace(/, /g, ',')}<S>${WILDCARD_SUBJECT}`), cert)).toBe(true);
    expect(namesCertificate(ok(`<I>${OLD_ISSUER}<S>${WILDCARD_SUBJECT}`), cert)).toBe(false);
  });

  it('matches a value that lost the space at a console wrap point', () => {
    expect(namesCertificate(ok(`<I>${NEW_ISSUER}<S>${WILDCARD_SUBJECT.replace('Contoso Ltd', 'ContosoLtd')}`), cert)).toBe(true);
  });

  it('compares a damaged value by its beginning', () => {
    const glued = ok(`<I>${NEW_ISSUER}<S>CN=*.contoso.com, O=ContosoSince the fact the connector is the same for the two ports but only on port 587`);
    expect(namesCertificate(glued, { issuer: NEW_ISSUER, subject: 'CN=*.contoso.com, O=Contoso' })).toBe(true);
    expect(namesCertificate(glued, { issuer: OLD_ISSUER, subject: 'CN=*.contoso.com, O=Contoso' })).toBe(false);
  });
});

describe('distinguished names', () => {
  it('splits on commas outside quotes and finds the CN', () => {
    expect(splitDistinguishedName('CN=mail.contoso.com, O="Contoso, Ltd", C=US')).toEqual(['CN=mail.contoso.com', 'O="Contoso, Ltd"', 'C=US']);
    expect(commonName('O=Contoso, CN=mail.contoso.com')).toBe('mail.contoso.com');
    expect(commonName('O=Contoso')).toBeUndefined();
    expect(normaliseDistinguishedName(' CN=a ,O=b,  C=US ')).toBe('CN=a, O=b, C=US');
  });

  it('builds the value for a pasted certificate', () => {
    expect(tlsCertificateNameOf({ issuer: NEW_ISSUER, subject: WILDCARD_SUBJECT })).toBe(`<I>${NEW_ISSUER}<S>${WILDCARD_SUBJECT}`);
    expect(tlsCertificateNameOf({ issuer: undefined, subject: WILDCARD_SUBJECT })).toBeUndefined();
  });
});
