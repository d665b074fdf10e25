/** OpenSSL's own wording (X509_verify_cert_error_string) for the verification errors servers cause most. */
const OPENSSL_TEXT: Readonly<Record<string, string>> = {
  UNABLE_TO_GET_ISSUER_CERT: 'unable to get issuer certificate (openssl verify error 2)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get local issuer certificate (openssl verify error 20)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to verify the first certificate (openssl verify error 21)',
  CERT_SIGNATURE_FAILURE: 'certificate signature failure (openssl verify error 7)',
  CERT_NOT_YET_VALID: 'certificate is not yet valid (openssl verify error 9)',
  CERT_HAS_EXPIRED: 'certificate has expired (openssl verify error 10)',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate (openssl verify error 18)',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in certificate chain (openssl verify error 19)',
  CERT_CHAIN_TOO_LONG: 'certificate chain too long (openssl verify error 22)',
  CERT_REVOKED: 'certificate revoked (openssl verify error 23)',
  INVALID_CA: 'invalid CA certificate (openssl verify error 24)',
  PATH_LENGTH_EXCEEDED: 'path length constraint exceeded (openssl verify error 25)',
  INVALID_PURPOSE: 'unsupported certificate purpose (openssl verify error 26)',
  CERT_UNTRUSTED: 'certificate not trusted (openssl verify error 27)',
  CERT_REJECTED: 'certificate rejected (openssl verify error 28)',
};

/** A readable sentence for an OpenSSL verification error code; the code itself when unknown. */
export function describeTrustError(code: string): string {
  return OPENSSL_TEXT[code] ?? code;
}
