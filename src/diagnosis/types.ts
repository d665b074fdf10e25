import type { Remediation } from '../fix-commands/types';
import type { PortProbeResult } from '../probe/types';
import type { CertificateReport } from '../certificate/types';
import type { SenderRequirement } from './sender-impact';

export type Severity = 'critical' | 'warning' | 'info';

export const FINDING_IDS = [
  'port-unreachable',
  'smtp-greeting-rejected',
  'smtp-protocol-error',
  'smtp-not-testable',
  'starttls-not-advertised',
  'starttls-stripped',
  'starttls-rejected',
  'tls-handshake-failed',
  'tls-protocol-legacy',
  'cert-expired',
  'cert-expiring-soon',
  'cert-not-yet-valid',
  'cert-self-signed',
  'cert-untrusted',
  'cert-name-mismatch',
  'cert-name-not-checked',
  'cert-weak-key',
  'cert-weak-signature',
  'capabilities-differ',
  'auth-without-tls',
] as const;

export type FindingId = (typeof FINDING_IDS)[number];

export interface Finding {
  id: FindingId;
  severity: Severity;
  ports: number[];
  title: string;
  /** Observed facts that led to the finding, one per line. */
  evidence: string[];
  /** Who refuses the mail because of this, and how (the NDR they give): docs/findings.md's severity table. */
  impact?: string;
  remediation: Remediation[];
}

export interface PortObservation {
  probe: PortProbeResult;
  certificate?: CertificateReport;
}

export interface DiagnosisOptions {
  /** cert-expiring-soon fires at or below this many days left. */
  expiryWarningDays: number;
  /** What says senders validate the certificate (--servername, --expect-name; MTA-STS enforce, DANE-TA). */
  requirements?: SenderRequirement[];
}

export interface DiagnosisInput {
  host: string;
  /** --servername: the name sent as SNI and checked on the certificate instead of host. */
  servername?: string;
  ports: PortObservation[];
  options: DiagnosisOptions;
}
