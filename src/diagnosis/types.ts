import type { PortProbeResult } from '../probe/types';
import type { CertificateReport } from '../certificate/types';

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

export type Platform =
  | 'exchange-onprem'
  | 'exchange-online'
  | 'postfix'
  | 'exim'
  | 'sendmail'
  | 'opensmtpd'
  | 'cisco-asa'
  | 'unknown';

/** Steps for one platform; `commands` are literal lines to run, values filled in. */
export interface Remediation {
  platform: Platform | 'any';
  steps: string[];
  commands: string[];
}

export interface Finding {
  id: FindingId;
  severity: Severity;
  ports: number[];
  title: string;
  /** Observed facts that led to the finding, one per line. */
  evidence: string[];
  remediation: Remediation[];
}

export interface PortObservation {
  probe: PortProbeResult;
  certificate?: CertificateReport;
}

export interface DiagnosisOptions {
  /** cert-expiring-soon fires at or below this many days left. */
  expiryWarningDays: number;
}

export interface DiagnosisInput {
  host: string;
  ports: PortObservation[];
  options: DiagnosisOptions;
}
