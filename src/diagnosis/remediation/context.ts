/** A usable CA-issued certificate seen on another port of the same host. */
export interface CertificateSeenElsewhere {
  port: number;
  subject: string;
  sha1Thumbprint: string;
  exchangeTlsCertificateName: string;
}
