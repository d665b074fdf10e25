/**
 * The parts of node-forge the analysis uses at run time: ASN.1, its byte buffers and the
 * OID table. Loading `node-forge` whole costs over 100 ms at start-up (RSA, TLS, ciphers…);
 * these modules cost under 10 ms, which keeps a single CLI probe fast.
 */
import type forgeTypes from 'node-forge';

/* eslint-disable @typescript-eslint/no-require-imports -- the submodules one by one, for start-up time */
const forge = require('node-forge/lib/forge') as typeof forgeTypes;
require('node-forge/lib/asn1');
require('node-forge/lib/oids');

/** forge.pki's certificate encoder, loaded only when a caller hands us a forge certificate object. */
export function certificateToAsn1(cert: forgeTypes.pki.Certificate): forgeTypes.asn1.Asn1 {
  require('node-forge/lib/x509');
  return forge.pki.certificateToAsn1(cert);
}

export default forge;
