export interface ChainEntry {
  subject: string;
  issuer: string;
  sha256Fingerprint: string;
}

export interface NameCheck {
  name: string;
  matches: boolean;
}

/** The judgement of one served certificate (leaf plus what chain Node saw). */
export interface CertificateReport {
  /** Distinguished names in the order Exchange prints them: CN first, ", " between parts. */
  subject: string;
  issuer: string;
  /** DNS names and IP addresses from subjectAltName. */
  san: string[];
  notBefore: string;
  notAfter: string;
  /** Whole days until notAfter (negative once expired). */
  daysLeft: number;
  selfSigned: boolean;
  trusted: boolean;
  /** OpenSSL's reason when not trusted, e.g. UNABLE_TO_VERIFY_LEAF_SIGNATURE. */
  trustError?: string;
  /** False when the server did not send an intermediate the leaf needs. */
  chainComplete: boolean;
  chain: ChainEntry[];
  /** PEM of each certificate in `chain`, same order (for DANE matching and copying out). */
  chainPem?: string[];
  /** The leaf's Authority Information Access caIssuers URLs: where its issuer can be downloaded. */
  caIssuersUrls?: string[];
  /** Whether the probed host name matches (RFC 6125; IP literals against IP SANs). */
  nameMatch: boolean;
  expectedNames: NameCheck[];
  keyType: string;
  keyBits: number;
  signatureAlgorithm: string;
  /** Uppercase hex without separators, the form Get-ExchangeCertificate shows as Thumbprint. */
  sha1Thumbprint: string;
  /** Uppercase hex pairs separated by colons. */
  sha256Fingerprint: string;
  /** `<I>issuer<S>subject`, the value Set-ReceiveConnector -TlsCertificateName expects. */
  exchangeTlsCertificateName: string;
}
