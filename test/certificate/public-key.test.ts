import { generateKeyPairSync } from 'node:crypto';
import { describePublicKey } from '../../src/certificate/public-key';

describe('describePublicKey', () => {
  it.each([
    ['prime256v1', 256],
    ['secp384r1', 384],
    ['secp521r1', 521],
  ])('gives EC %s %i bits', (namedCurve, bits) => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve });
    expect(describePublicKey(publicKey)).toEqual({ keyType: 'EC', keyBits: bits });
  });

  it('gives RSA its modulus length', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(describePublicKey(publicKey)).toEqual({ keyType: 'RSA', keyBits: 1024 });
  });

  it('gives Ed25519 and Ed448 their fixed sizes', () => {
    expect(describePublicKey(generateKeyPairSync('ed25519').publicKey)).toEqual({ keyType: 'Ed25519', keyBits: 256 });
    expect(describePublicKey(generateKeyPairSync('ed448').publicKey)).toEqual({ keyType: 'Ed448', keyBits: 456 });
  });
});
