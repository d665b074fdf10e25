import { createHash, X509Certificate } from 'node:crypto';
import { associationData, daneAuthenticates, describeTlsa, matchTlsa } from '../../../src/domain-check/dane/tlsa-match';
import type { TlsaRecord } from '../../../src/net/dns/domain-resolver';
import { createTestPki } from '../../helpers/pki';

const pki = createTestPki();
const leaf = pki.goodLeaf('mx1.example.test');
const chain = [leaf.der, pki.intermediate.der];
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const sha512 = (b: Buffer) => createHash('sha512').update(b).digest('hex');
const spki = (der: Buffer) => new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' });
const rec = (usage: number, selector: number, matchingType: number, data: string): TlsaRecord => ({ usage, selector, matchingType, data });
const named = { nameMatch: true };

describe('matchTlsa (RFC 7672)', () => {
  it.each([
    ['3 1 1 (SPKI SHA-256 of the leaf)', rec(3, 1, 1, sha256(spki(leaf.der)))],
    ['3 0 1 (full leaf SHA-256)', rec(3, 0, 1, sha256(leaf.der))],
    ['3 1 2 (SPKI SHA-512)', rec(3, 1, 2, sha512(spki(leaf.der)))],
    ['3 0 0 (full leaf)', rec(3, 0, 0, leaf.der.toString('hex'))],
  ])('DANE-EE %s matches the leaf', (_name, record) => {
    const [m] = matchTlsa([record], chain, named);
    expect(m).toEqual({ record, usable: true, matched: true, chainIndex: 0, note: 'matches the leaf certificate' });
    expect(daneAuthenticates([m], named)).toBe(true);
  });

  it('DANE-EE ignores the name; upper-case hex in the record still matches', () => {
    const m = matchTlsa([rec(3, 1, 1, sha256(spki(leaf.der)).toUpperCase())], chain, { nameMatch: false });
    expect(m[0].matched).toBe(true);
    expect(daneAuthenticates(m, { nameMatch: false })).toBe(true);
  });

  it('DANE-TA matches an issuer in the chain, never the leaf, and needs the name', () => {
    const ta = matchTlsa([rec(2, 0, 1, sha256(pki.intermediate.der))], chain, named);
    expect(ta[0]).toMatchObject({ usable: true, matched: true, chainIndex: 1, note: 'matches chain certificate 1' });
    expect(daneAuthenticates(ta, named)).toBe(true);
    const wrongName = matchTlsa([rec(2, 0, 1, sha256(pki.intermediate.der))], chain, { nameMatch: false });
    expect(wrongName[0].note).toContain('DANE-TA also needs the leaf to carry the MX host name');
    expect(daneAuthenticates(wrongName, { nameMatch: false })).toBe(false);
    expect(matchTlsa([rec(2, 0, 1, sha256(leaf.der))], chain, named)[0]).toMatchObject({ matched: false, note: 'does not match any issuer certificate the server sent' });
  });

  it('a record for another certificate does not match', () => {
    const other = pki.selfSignedLeaf('mx1.example.test');
    const m = matchTlsa([rec(3, 0, 1, sha256(other.der))], chain, named);
    expect(m[0]).toEqual({ record: m[0].record, usable: true, matched: false, note: 'does not match the served leaf certificate' });
    expect(daneAuthenticates(m, named)).toBe(false);
  });

  it('PKIX usages match for information but are unusable for SMTP', () => {
    const m = matchTlsa([rec(1, 0, 1, sha256(leaf.der)), rec(0, 0, 1, sha256(pki.intermediate.der))], chain, named);
    expect(m.map((x) => [x.usable, x.matched])).toEqual([[false, true], [false, true]]);
    expect(m[0].note).toBe('PKIX-EE records are not used by SMTP senders (RFC 7672 section 3.1.3); it matches');
    expect(daneAuthenticates(m, named)).toBe(false);
  });

  it.each([
    [rec(4, 0, 1, 'aa'), 'usage 4 is not defined'],
    [rec(3, 2, 1, 'aa'), 'selector 2 is not defined'],
    [rec(3, 1, 3, 'aa'), 'matching type 3 is not defined'],
  ])('unknown parameters are unusable: %j', (record, note) => {
    expect(matchTlsa([record], chain, named)).toEqual([{ record, usable: false, matched: false, note }]);
  });

  it('with no served chain nothing matches', () => {
    expect(matchTlsa([rec(3, 1, 1, 'aa')], [], named)[0]).toEqual({ record: rec(3, 1, 1, 'aa'), usable: true, matched: false, note: 'no certificate was served to match against' });
  });

  it('describes records with their mnemonic names', () => {
    expect(describeTlsa(rec(3, 1, 1, 'ab'.repeat(32)))).toBe(`3 (DANE-EE) 1 (SPKI) 1 (SHA2-256) ${'ab'.repeat(12)}…`);
    expect(associationData(leaf.der, { selector: 1, matchingType: 1 })).toBe(sha256(spki(leaf.der)));
  });
});
