import type { Severity } from '../diagnosis/types';
import type { Remediation } from '../fix-commands/types';
import type { Verdict } from '../report/types';

/** Stable ids of what the Exchange configuration analysis reports; separate from the probe's FindingId. */
export const EXCHANGE_FINDING_IDS = [
  // The probe report given to join is of another MTA: said first, since it frames everything else
  'probe-report-not-exchange',
  // Configuration alone
  'receive-connector-no-tls',
  'tls-certificate-name-empty',
  'tls-certificate-name-malformed',
  'tls-certificate-name-not-found',
  'connector-fqdn-not-covered',
  'receive-connectors-overlap',
  'smtp-certificate-expired',
  'smtp-certificate-self-signed',
  'certificate-not-enabled-for-smtp',
  'hybrid-send-connector-no-requiretls',
  'hybrid-send-connector-tls-incomplete',
  'hybrid-send-connector-wrong-smarthost',
  'exo-inbound-no-requiretls',
  'exo-inbound-no-sender-certificate-name',
  'exo-inbound-sender-name-not-on-certificate',
  'exo-outbound-tls-cannot-validate',
  'exo-outbound-tls-not-validated',
  // Configuration joined with a probe report
  'starttls-missing-on-tls-connector',
  'port-answered-by-connector',
  'port-answered-by-unlisted-connector',
  'served-certificate-differs-from-tls-certificate-name',
  'served-certificate-not-on-server',
  'served-names-miss-fqdn',
] as const;

export type ExchangeFindingId = (typeof EXCHANGE_FINDING_IDS)[number];

/** Same shape as the probe's Finding, so renderers can share code; `objects` names what it is about. */
export interface ExchangeFinding {
  id: ExchangeFindingId;
  severity: Severity;
  /** Ports the finding affects (from connector Bindings or the probe), possibly empty. */
  ports: number[];
  title: string;
  /** Observed facts, one per line. */
  evidence: string[];
  remediation: Remediation[];
  /** Identities of the connectors and certificates concerned, as the paste names them. */
  objects: string[];
}

/** A `{a, b, c...}` collection as Format-List printed it. */
export interface ListValue {
  items: string[];
  /** Format-List cut the collection ($FormatEnumerationLimit): more items exist than shown. */
  truncated: boolean;
}

export interface Binding {
  address: string;
  family: 4 | 6;
  port: number;
  /** 0.0.0.0 or [::]: every local address of the family. */
  any: boolean;
}

/** An inclusive address range as numbers, for overlap and specificity. */
export interface IpRange {
  text: string;
  family: 4 | 6;
  first: bigint;
  last: bigint;
}

/** A `<I>issuer<S>subject` value split into its parts. */
export interface TlsCertificateNameValue {
  raw: string;
  issuer: string;
  subject: string;
  /**
   * A distinguished-name value is longer than X.520 allows (64 characters for CN, O, OU):
   * the paste cut the value or glued other text to it, so it is compared by prefix.
   */
  damaged: boolean;
}

export type TlsCertificateNameParse =
  | { kind: 'empty' }
  | { kind: 'malformed'; raw: string; reason: string }
  | { kind: 'ok'; value: TlsCertificateNameValue };

export interface ReceiveConnector {
  kind: 'receive-connector';
  /** `SRV\Name` when the paste shows it; undefined when neither Identity nor Name was pasted. */
  identity?: string;
  name?: string;
  server?: string;
  transportRole?: string;
  enabled: boolean;
  bindings: Binding[];
  bindingsText: string;
  remoteIpRanges: IpRange[];
  remoteIpRangesText?: string;
  remoteIpRangesTruncated: boolean;
  /** RemoteIPRanges entries that are not addresses or ranges. */
  remoteIpRangesUnreadable: string[];
  authMechanism: string[];
  permissionGroups: string[];
  fqdn?: string;
  tlsCertificateName: TlsCertificateNameParse;
  /** Bytes; null when Unlimited, undefined when not pasted or unreadable. */
  maxMessageSize?: number | null;
  maxMessageSizeText?: string;
  requireTls?: boolean;
  suppressXAnonymousTls?: boolean;
  properties: Record<string, string>;
}

export interface ExchangeCertificate {
  kind: 'certificate';
  thumbprint: string;
  friendlyName?: string;
  subject?: string;
  issuer?: string;
  domains: ListValue;
  services: string[];
  /** Services was pasted (an absent property is not "no services"). */
  servicesKnown: boolean;
  /** The dates NotAfter can mean (two when day and month are ambiguous). */
  notAfter: Date[];
  notAfterText?: string;
  selfSigned: boolean;
  hasPrivateKey?: boolean;
  status?: string;
  properties: Record<string, string>;
}

export interface SendConnector {
  kind: 'send-connector';
  identity: string;
  name?: string;
  addressSpaces: ListValue;
  smartHosts: ListValue;
  dnsRoutingEnabled?: boolean;
  requireTls?: boolean;
  tlsAuthLevel?: string;
  tlsDomain?: string;
  tlsCertificateName: TlsCertificateNameParse;
  cloudServicesMailEnabled?: boolean;
  fqdn?: string;
  enabled: boolean;
  properties: Record<string, string>;
}

export interface InboundConnector {
  kind: 'inbound-connector';
  identity: string;
  connectorType?: string;
  enabled: boolean;
  requireTls?: boolean;
  tlsSenderCertificateName?: string;
  senderIpAddresses: ListValue;
  restrictDomainsToCertificate?: boolean;
  treatMessagesAsInternal?: boolean;
  cloudServicesMailEnabled?: boolean;
  properties: Record<string, string>;
}

export interface OutboundConnector {
  kind: 'outbound-connector';
  identity: string;
  connectorType?: string;
  enabled: boolean;
  smartHosts: ListValue;
  useMxRecord?: boolean;
  tlsSettings?: string;
  tlsDomain?: string;
  recipientDomains: ListValue;
  properties: Record<string, string>;
}

export type ExchangeObject = ReceiveConnector | ExchangeCertificate | SendConnector | InboundConnector | OutboundConnector;

export interface ExchangeConfig {
  receiveConnectors: ReceiveConnector[];
  certificates: ExchangeCertificate[];
  sendConnectors: SendConnector[];
  inboundConnectors: InboundConnector[];
  outboundConnectors: OutboundConnector[];
  /** Format-List blocks that looked like objects but matched none of the cmdlets. */
  unrecognisedBlocks: number;
  /** What the parser had to work around: cut collections, glued values, caps reached. */
  notes: string[];
}

export interface AnalysisOptions {
  /** The clock for expiry; tests pin it. */
  now?: Date;
}

export interface ExchangeAnalysis {
  /** False when nothing in the text was a Format-List object of the supported cmdlets. */
  recognised: boolean;
  /** One line for a chat reply or a terminal. */
  summary: string;
  verdict: Verdict;
  findings: ExchangeFinding[];
  config: ExchangeConfig;
  /** Whether a probe report was joined in. */
  joined: boolean;
  /** Read-only commands whose output would let the analysis check more. */
  nextSteps: ReadOnlyCmdlet[];
}

export interface ReadOnlyCmdlet {
  key: 'enumeration-limit' | 'receive-connectors' | 'certificates' | 'send-connectors' | 'inbound-connectors' | 'outbound-connectors';
  shell: 'Exchange Management Shell' | 'Exchange Online PowerShell';
  /** What the output tells, for the sentence asking to run it. */
  purpose: string;
  command: string;
}
