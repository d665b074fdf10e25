import type { Finding } from '../diagnosis/types';
import type { Platform } from '../fix-commands/types';
import type { Report, Verdict } from '../report/types';
import type { MxHost, TlsaRecord } from '../net/dns/domain-resolver';

export const DOMAIN_FINDING_IDS = [
  'mta-sts-missing',
  'mta-sts-invalid',
  'mta-sts-mx-mismatch',
  'mta-sts-cert-mismatch',
  'mta-sts-testing',
  'tls-rpt-missing',
  'tls-rpt-invalid',
  'dane-tlsa-mismatch',
  'dane-tlsa-present',
  'chain-incomplete-intermediate',
  'mx-hosts-differ',
] as const;

export type DomainFindingId = (typeof DOMAIN_FINDING_IDS)[number];

/** A finding about the domain as a whole: the per-host Finding shape, keyed by MX host instead of port. */
export interface DomainFinding extends Omit<Finding, 'id' | 'ports'> {
  id: DomainFindingId;
  /** MX hosts the finding concerns; empty when it is about the domain's DNS or policy alone. */
  hosts: string[];
}

export interface MxSet {
  /** `mx`: from MX records; `implicit`: no MX records, so the domain itself (RFC 5321 section 5.1). */
  source: 'mx' | 'implicit';
  hosts: MxHost[];
  /** The resolver set the AD bit: it validated the answer with DNSSEC. */
  authenticated: boolean;
}

/** One MX host's STARTTLS check: the report, or why the executor gave none. */
export interface MxHostOutcome {
  host: string;
  priority: number;
  report?: Report;
  error?: { code: string; message: string };
}

// ---- consolidation -------------------------------------------------------

export type StartTlsOutcome = 'ok' | 'not-advertised' | 'failed' | 'unreachable' | 'not-checked';

export interface HostCertificateSummary {
  subject: string;
  issuer: string;
  /** DNS names and IPs from subjectAltName. */
  names: string[];
  sha256Fingerprint: string;
  sha1Thumbprint: string;
  /** Null when no name was judged (an IP-literal target without --servername). */
  nameMatch: boolean | null;
  trusted: boolean;
  daysLeft: number;
}

export interface HostWorstFinding {
  id: string;
  severity: Finding['severity'];
  title: string;
}

export interface HostSummary {
  host: string;
  priority: number;
  verdict: Verdict;
  platform: Platform;
  port?: number;
  starttls: StartTlsOutcome;
  protocol?: string;
  /** `KEYWORD params` per capability of the first EHLO, as advertised. */
  capabilities: string[];
  certificate?: HostCertificateSummary;
  worstFinding?: HostWorstFinding;
}

export type ComparedAspect = 'starttls' | 'capabilities' | 'certificate';

/** Hosts that gave the same answer for one aspect; `value` is a short text of that answer. */
export interface AgreementGroup {
  value: string;
  hosts: string[];
}

export interface AspectComparison {
  aspect: ComparedAspect;
  agree: boolean;
  /** Largest group first (ties: the group of the most preferred host first). */
  groups: AgreementGroup[];
}

export interface HostCapabilityRow {
  keyword: string;
  /** Per host, in `hosts` order: the parameters ('' when none), or null when not advertised. */
  values: (string | null)[];
  differs: boolean;
}

export interface MxComparison {
  hosts: HostSummary[];
  aspects: AspectComparison[];
  /** Side by side capability table over the hosts that answered EHLO. */
  capabilityHosts: string[];
  capabilityRows: HostCapabilityRow[];
}

// ---- MTA-STS -------------------------------------------------------------

export type StsMode = 'enforce' | 'testing' | 'none';

export interface StsRecord {
  id: string;
  /** Extension fields, in order. */
  extensions: { name: string; value: string }[];
}

export interface StsPolicy {
  mode: StsMode;
  maxAge: number;
  mx: string[];
  extensions: { name: string; value: string }[];
}

export type MtaStsProblemCode =
  | 'STS_RECORD_LOOKUP_FAILED'
  | 'STS_RECORD_MULTIPLE'
  | 'STS_RECORD_SYNTAX'
  | 'STS_POLICY_FETCH_FAILED'
  | 'STS_POLICY_REDIRECT'
  | 'STS_POLICY_STATUS'
  | 'STS_POLICY_CONTENT_TYPE'
  | 'STS_POLICY_TOO_LARGE'
  | 'STS_POLICY_TIMEOUT'
  | 'STS_POLICY_SYNTAX';

export interface MtaStsProblem {
  code: MtaStsProblemCode;
  message: string;
}

export interface MxCoverage {
  host: string;
  /** The policy pattern that covers the host, when one does. */
  pattern?: string;
}

export interface MtaStsResult {
  /** `_mta-sts.<domain>` */
  recordName: string;
  /** Every TXT string found there that starts with v=STSv1 (normally exactly one). */
  recordTexts: string[];
  record?: StsRecord;
  /** `https://mta-sts.<domain>/.well-known/mta-sts.txt` */
  policyUrl: string;
  /** The body as fetched (when it was small enough and decoded as text). */
  policyText?: string;
  policy?: StsPolicy;
  problem?: MtaStsProblem;
  /** Per real MX host, which policy pattern covers it (only when a policy parsed). */
  coverage: MxCoverage[];
}

// ---- TLS-RPT -------------------------------------------------------------

export interface TlsRptRecord {
  /** Reporting URIs from rua=, mailto: or https:. */
  rua: string[];
  extensions: { name: string; value: string }[];
}

export interface TlsRptResult {
  /** `_smtp._tls.<domain>` */
  recordName: string;
  recordTexts: string[];
  record?: TlsRptRecord;
  problem?: { code: 'TLSRPT_LOOKUP_FAILED' | 'TLSRPT_MULTIPLE' | 'TLSRPT_SYNTAX'; message: string };
}

// ---- DANE ----------------------------------------------------------------

export interface TlsaRecordMatch {
  record: TlsaRecord;
  /** RFC 7672: only DANE-TA(2) and DANE-EE(3), selectors 0/1 and matching types 0/1/2 are usable for SMTP. */
  usable: boolean;
  matched: boolean;
  /** Position in the served chain (0 = leaf) of the certificate it matched. */
  chainIndex?: number;
  note: string;
}

export interface DaneHostResult {
  host: string;
  /** `_<port>._tcp.<host>` */
  recordName: string;
  records: TlsaRecord[];
  /** The resolver set the AD bit on the TLSA answer. */
  authenticated: boolean;
  matches: TlsaRecordMatch[];
  /** True when a usable record matched the served chain (and, for DANE-TA, the name matched). */
  authenticatedChain: boolean;
  lookupError?: { code: string; message: string };
}

// ---- chain repair --------------------------------------------------------

export interface NamedIntermediate {
  subject: string;
  issuer: string;
  sha256Fingerprint: string;
  sha1Thumbprint: string;
  notAfter: string;
  /** Where it was fetched (the caIssuers URL). */
  url: string;
  /** DER or PEM, as the CA publishes it. */
  format: 'der' | 'pem';
  pem: string;
}

export interface ChainRepair {
  host: string;
  port: number;
  leafSubject: string;
  leafIssuer: string;
  caIssuersUrls: string[];
  /** The missing intermediates, the one that issued the leaf first. */
  intermediates: NamedIntermediate[];
  /** Why the chain walk stopped short, when it did. */
  problem?: { code: string; message: string };
}

// ---- the domain report ---------------------------------------------------

export interface DomainPolicies {
  mtaSts: MtaStsResult;
  tlsRpt: TlsRptResult;
  dane: DaneHostResult[];
  chainRepairs: ChainRepair[];
  findings: DomainFinding[];
}

export interface DomainReport extends DomainPolicies {
  /** 2 since remediation commands carry their shell; 1: stored before. */
  schemaVersion: 1 | 2;
  domain: string;
  startedAt: string;
  durationMs: number;
  /** Worst of every host's verdict and the domain findings. */
  verdict: Verdict;
  mx: MxSet;
  hosts: MxHostOutcome[];
  comparison: MxComparison;
  /** Caveats a reader needs, e.g. that DNSSEC validation is the resolver's. */
  notes: string[];
}
