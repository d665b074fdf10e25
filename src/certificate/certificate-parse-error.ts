import { StarttlsError } from '../starttls-error';

/** Thrown when the leaf certificate cannot be parsed at all; callers branch on `code`. */
export class CertificateParseError extends StarttlsError {
  static override readonly codes = ['CERT_PARSE_FAILED'] as const;
  readonly code = 'CERT_PARSE_FAILED';
  readonly userVisible = true;
}
