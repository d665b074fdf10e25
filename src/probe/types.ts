/** One SMTP reply (RFC 5321 section 4.2), possibly multi-line. */
export interface SmtpReply {
  code: number;
  /** Enhanced status code (RFC 3463) from the first line, e.g. "5.7.3". */
  enhanced?: string;
  /** Text of each line after the code and separator, enhanced code kept. */
  lines: string[];
}

/** One EHLO keyword with its parameters, e.g. SIZE ["37748736"]. */
export interface Capability {
  keyword: string;
  params: string[];
}

export type ProbeStep =
  | 'resolve'
  | 'connect'
  | 'greeting'
  | 'ehlo'
  | 'starttls'
  | 'tls-handshake'
  | 'ehlo-tls'
  | 'quit';

/** Stable error codes callers branch on (ProbeError's codes; docs/report-json.md explains each). */
export const PROBE_ERROR_CODES = [
  'PROBE_DNS_FAILURE',
  'PROBE_CONNECT_REFUSED',
  'PROBE_UNREACHABLE',
  'PROBE_TIMEOUT',
  'PROBE_CONNECTION_CLOSED',
  'PROBE_PROTOCOL_ERROR',
  'PROBE_REPLY_TOO_LARGE',
  'PROBE_TLS_FAILED',
  'PROBE_CANCELLED',
] as const;

export type ProbeErrorCode = (typeof PROBE_ERROR_CODES)[number];

export interface ProbeErrorInfo {
  code: ProbeErrorCode;
  step: ProbeStep;
  message: string;
}

export type TranscriptDirection = 'client' | 'server' | 'info';

export interface TranscriptEntry {
  /** Milliseconds since the probe of this port started. */
  at: number;
  dir: TranscriptDirection;
  text: string;
}

export interface EhloResult {
  command: 'EHLO' | 'HELO';
  reply: SmtpReply;
  capabilities: Capability[];
}

export interface StartTlsResult {
  advertised: boolean;
  attempted: boolean;
  /** The reply to the STARTTLS command, when one was sent. */
  reply?: SmtpReply;
  succeeded: boolean;
  protocol?: string;
  cipher?: string;
}

/** What the TLS layer handed us about the server's certificate. */
export interface PeerCertificates {
  /** DER of the leaf first, then each issuer Node found (sent chain, completed from the trust store). */
  chainDer: string[];
  /** Whether the chain verified against the configured roots (no host-name check: that is not trust). */
  authorized: boolean;
  /** OpenSSL verification error code, e.g. UNABLE_TO_VERIFY_LEAF_SIGNATURE. */
  authorizationError?: string;
}

/** Node's names of the TLS versions the probe can offer. */
export type TlsVersionName = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

/** One version tried on its own: accepted (with the cipher chosen), refused, or not tried to the end (why). */
export interface TlsVersionResult {
  version: TlsVersionName;
  status: 'accepted' | 'refused' | 'not-tested';
  cipher?: string;
  /** Why it was refused or not tested (the TLS alert or the SMTP answer). */
  detail?: string;
}

/** Everything one port's probe observed, before any judgement. */
export interface PortProbeResult {
  host: string;
  port: number;
  /** Address actually connected to. */
  address?: string;
  mode: 'starttls' | 'implicit-tls';
  greeting?: SmtpReply;
  greetingMs?: number;
  ehlo?: EhloResult;
  starttls: StartTlsResult;
  ehloAfterTls?: EhloResult;
  peer?: PeerCertificates;
  error?: ProbeErrorInfo;
  /** The first line the server sent in plain text where a TLS handshake was due (the handshake then failed). */
  plainTextInsteadOfTls?: string;
  /** Each TLS version tried on its own (the --protocols scan), oldest first; absent when not scanned. */
  tlsVersions?: TlsVersionResult[];
  timings: Partial<Record<ProbeStep, number>>;
  totalMs: number;
  transcript: TranscriptEntry[];
}

/** Transcript note (dir `info`) for the start of a reply line the server never finished. */
export const INCOMPLETE_LINE = 'incomplete line from the server: ';
