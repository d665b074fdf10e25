import type { CertificateReport } from '../certificate/types';
import type { Finding } from '../diagnosis/types';
import type { Platform } from '../fix-commands/types';
import type { Capability, ProbeErrorInfo, ProbeStep, TlsVersionResult, TranscriptEntry } from '../probe/types';

/** Worst severity found, in Nagios terms: unknown means the target could not be assessed. */
export type Verdict = 'ok' | 'warning' | 'critical' | 'unknown';

export interface PortReport {
  port: number;
  mode: 'starttls' | 'implicit-tls';
  address?: string;
  /** Greeting lines as the server sent them (text after the code). */
  banner?: string[];
  greetingMs?: number;
  ehloCommand?: 'EHLO' | 'HELO';
  /** Capabilities advertised before TLS (for implicit TLS: inside TLS). */
  capabilities: Capability[];
  /** Capabilities advertised in the EHLO after STARTTLS. */
  capabilitiesAfterTls?: Capability[];
  starttls: {
    advertised: boolean;
    attempted: boolean;
    succeeded: boolean;
    protocol?: string;
    cipher?: string;
    replyCode?: number;
    replyText?: string;
  };
  certificate?: CertificateReport;
  /** Each TLS version tried on its own (--protocols), oldest first. */
  tlsVersions?: TlsVersionResult[];
  error?: ProbeErrorInfo;
  /** The first line the server sent in plain text where a TLS handshake was due (the handshake then failed). */
  plainTextInsteadOfTls?: string;
  timings: Partial<Record<ProbeStep, number>>;
  totalMs: number;
  transcript: TranscriptEntry[];
}

export interface Report {
  /** 2 since remediation commands carry their shell ({shell, line}); 1: a report stored before, commands as bare strings. */
  schemaVersion: 1 | 2;
  host: string;
  /** --servername: the name sent as SNI and checked on the certificate instead of host. */
  servername?: string;
  startedAt: string;
  durationMs: number;
  platform: Platform;
  verdict: Verdict;
  ports: PortReport[];
  findings: Finding[];
}
