/** Thrown when the leaf certificate cannot be parsed at all; callers branch on `code`. */
export class CertificateParseError extends Error {
  readonly code = 'CERT_PARSE_FAILED' as const;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CertificateParseError';
  }
}
