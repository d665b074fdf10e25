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
  /** Whole days until notAfter, truncated toward zero (negative once expired by a day or more). */
  daysLeft: number;
  /** notAfter has passed (true with daysLeft 0 for a certificate that expired within the last day). */
  expired: boolean;
  selfSigned: boolean;
  /**
   * Chain trust only, never names: the chain verifies to a root in the bundled store or a --ca
   * anchor, and is strong enough for a sender's OpenSSL 3 (security level 2).
   */
  trusted: boolean;
  /** OpenSSL's reason when not trusted, e.g. UNABLE_TO_VERIFY_LEAF_SIGNATURE or EE_KEY_TOO_SMALL. */
  trustError?: string;
  /** The same reason in words, e.g. "unable to get local issuer certificate (openssl verify error 20)". */
  trustReason?: string;
  /** False when the server did not send an intermediate the leaf needs. */
  chainComplete: boolean;
  chain: ChainEntry[];
  /** PEM of each certificate in `chain`, same order (for DANE matching and copying out). */
  chainPem?: string[];
  /** The leaf's Authority Information Access caIssuers URLs: where its issuer can be downloaded. */
  caIssuersUrls?: string[];
  /**
   * The name the certificate must cover: --servername, else the probed host name. Null when the
   * target is an IP literal and no --servername was given: senders never check an MX certificate
   * against an address, so no name verdict is made.
   */
  identityName: string | null;
  /** Whether identityName is covered (RFC 6125); null when there is no identityName. */
  nameMatch: boolean | null;
  /** Further names that must be covered (--expect-name), each judged on its own. */
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
