import type { Finding, FindingId, Severity } from './types';
import type { Platform } from '../fix-commands/types';

/**
 * Severity from the sender's side: who refuses the mail because of a finding, and how.
 * One table (SEVERITY_TABLE, mirrored in docs/findings.md and tested against it) decides
 * every finding's severity per port role; `gradeFindings` applies it after the rules ran,
 * and again when a requirement becomes known later (MTA-STS enforce or TLSA in `--mx`).
 */

/** 25 is where other mail servers deliver; 465 and 587 are where mail clients submit. */
export type PortRole = 'mx' | 'submission' | 'other';

export function portRole(port: number): PortRole {
  if (port === 25) return 'mx';
  if (port === 465 || port === 587) return 'submission';
  return 'other';
}

/** Something that says senders of this server validate its certificate. */
export type SenderRequirement =
  | { kind: 'servername'; name: string }
  | { kind: 'expect-name'; names: string[] }
  | { kind: 'mta-sts-enforce'; domain: string }
  | { kind: 'dane'; domain: string };

/**
 * `validating`: critical where a validating sender is known to be there (a requirement, or a
 * submission port: mail clients always validate), warning where only some senders validate.
 * `rule`: the rule decides (documented with the rule).
 */
export type Grade = Severity | 'validating' | 'rule';

export interface SeverityRow {
  mx: Grade;
  submission: Grade;
  other: Grade;
}

const FIXED = (severity: Severity): SeverityRow => ({ mx: severity, submission: severity, other: severity });
const VALIDATING: SeverityRow = { mx: 'validating', submission: 'validating', other: 'validating' };

export const SEVERITY_TABLE: Readonly<Record<FindingId, SeverityRow>> = {
  'port-unreachable': FIXED('critical'),
  'smtp-greeting-rejected': FIXED('critical'),
  'smtp-protocol-error': FIXED('warning'),
  'smtp-not-testable': FIXED('warning'),
  'starttls-not-advertised': FIXED('critical'),
  'starttls-stripped': FIXED('critical'),
  'starttls-rejected': FIXED('critical'),
  'tls-handshake-failed': FIXED('critical'),
  // Critical when nothing newer is accepted; a warning when TLS 1.2 or 1.3 is there too (senders use it).
  'tls-protocol-legacy': { mx: 'rule', submission: 'rule', other: 'rule' },
  'cert-expired': VALIDATING,
  'cert-expiring-soon': FIXED('warning'),
  'cert-not-yet-valid': VALIDATING,
  'cert-self-signed': VALIDATING,
  'cert-untrusted': VALIDATING,
  'cert-name-mismatch': VALIDATING,
  'cert-name-not-checked': FIXED('info'),
  'cert-weak-key': VALIDATING,
  'cert-weak-signature': VALIDATING,
  'capabilities-differ': { mx: 'rule', submission: 'rule', other: 'rule' },
  'auth-without-tls': FIXED('warning'),
};

/** Exchange serves its self-signed certificate on these by design (Client Proxy 465, hub transport 2525). */
const EXCHANGE_INTERNAL_PORTS = new Set([465, 2525]);

export interface GradeContext {
  platform: Platform;
  requirements: readonly SenderRequirement[];
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/** Every finding with the severity the table gives it and `impact`: who refuses the mail, and how. */
export function gradeFindings(findings: readonly Finding[], ctx: GradeContext): Finding[] {
  return findings.map((f) => {
    const impact = impactOf(f, ctx);
    return { ...f, severity: severityOf(f, ctx), ...(impact ? { impact } : {}) };
  });
}

export function severityOf(f: Pick<Finding, 'id' | 'ports' | 'severity'>, ctx: GradeContext): Severity {
  const row = SEVERITY_TABLE[f.id];
  const ports = f.ports.length > 0 ? f.ports : [25];
  const grades = ports.map((port) => gradeAt(f.id, row[portRole(port)], port, ctx));
  if (grades.includes('rule')) return f.severity;
  return (grades as Severity[]).reduce((worst, s) => (RANK[s] > RANK[worst] ? s : worst), 'info');
}

function gradeAt(id: FindingId, grade: Grade, port: number, ctx: GradeContext): Grade {
  if (grade !== 'validating') return grade;
  if (id === 'cert-self-signed' && ctx.platform === 'exchange-onprem' && EXCHANGE_INTERNAL_PORTS.has(port)) return 'warning';
  return ctx.requirements.length > 0 || portRole(port) === 'submission' ? 'critical' : 'warning';
}

// ---- who fails, and how -------------------------------------------------

const REQUIRE_TLS_SENDERS =
  'Senders that require TLS do not deliver: Exchange Online (hybrid and partner connectors) answers `450 4.4.317 Cannot connect to remote server [Message=451 5.7.3 STARTTLS is required to send mail]`, and MTA-STS enforce and DANE senders refuse too (Exchange Online: `4.7.321 starttls-not-supported`).';

/** What Exchange Online, the validating sender users meet most, says for each certificate problem. */
const VALIDATION_NDR: Partial<Record<FindingId, string>> = {
  'cert-name-mismatch': '`450 4.7.320 Certificate validation failed [Message=SubjectMismatch]` (DANE: `4.7.325 certificate-host-mismatch`)',
  'cert-expired': '`450 4.7.320 Certificate validation failed` (DANE: `4.7.322 certificate-expired`)',
};
const DEFAULT_VALIDATION_NDR = '`450 4.7.320 Certificate validation failed`';

const CLIENTS = 'Mail clients (Outlook, Thunderbird, phones) refuse the certificate on submission ports, so users cannot send.';

function impactOf(f: Finding, ctx: GradeContext): string | undefined {
  const roles = new Set((f.ports.length > 0 ? f.ports : [25]).map(portRole));
  switch (SEVERITY_TABLE[f.id].mx) {
    case 'validating':
      return validatingImpact(f, roles, ctx);
    default:
      return FIXED_IMPACT[f.id]?.(roles);
  }
}

function validatingImpact(f: Finding, roles: Set<PortRole>, ctx: GradeContext): string {
  const parts: string[] = [];
  const ndr = VALIDATION_NDR[f.id] ?? DEFAULT_VALIDATION_NDR;
  if (roles.has('mx') || roles.has('other')) {
    if (ctx.requirements.length > 0) {
      parts.push(`Required here: ${ctx.requirements.map(describeRequirement).join('; ')}. Those senders do not deliver: Exchange Online with certificate validation answers ${ndr}.`);
    } else {
      parts.push(
        `Only senders that validate the certificate refuse it: Exchange Online connectors with certificate or domain validation (TlsSenderCertificateName, RequireTls) answer ${ndr}, and MTA-STS enforce and DANE senders do not deliver. Opportunistic senders, most of the internet, still deliver over TLS.`,
      );
    }
  }
  if (roles.has('submission')) parts.push(CLIENTS);
  return parts.join(' ');
}

function describeRequirement(r: SenderRequirement): string {
  switch (r.kind) {
    case 'servername':
      return `senders connect as ${r.name} (--servername) and check the certificate against it`;
    case 'expect-name':
      return `the certificate must cover ${r.names.join(', ')} (--expect-name)`;
    case 'mta-sts-enforce':
      return `${r.domain} publishes an MTA-STS policy in enforce mode: senders that honour it validate the certificate and the MX name`;
    case 'dane':
      return `${r.domain} publishes TLSA records: DANE senders check the certificate against them`;
  }
}

const FIXED_IMPACT: Partial<Record<FindingId, (roles: Set<PortRole>) => string>> = {
  'port-unreachable': () => 'Every sender: nothing answers, so mail queues at the sender and bounces when its retry period ends.',
  'smtp-greeting-rejected': () => 'Every sender the server turns away like this (often by address or reputation) gets a 5xx and bounces the mail.',
  'smtp-protocol-error': () => 'Senders get answers they cannot use: most retry later, then bounce.',
  'smtp-not-testable': () => 'Unknown: the probe could not assess the port; senders turned away the same way (4xx) retry later.',
  'starttls-not-advertised': startTlsMissing,
  'starttls-stripped': startTlsMissing,
  'starttls-rejected': startTlsBroken,
  'tls-handshake-failed': startTlsBroken,
  'tls-protocol-legacy': () =>
    'Where only legacy versions are offered, Exchange Online (TLS 1.2 or later only) and senders on OpenSSL 3 defaults cannot complete the handshake: validating senders do not deliver, others fall back to clear text or defer. Where TLS 1.2 or 1.3 is offered too, senders negotiate it and deliver.',
  'cert-expiring-soon': () => 'Nobody yet; once it expires, senders that validate refuse it (see cert-expired).',
  'cert-name-not-checked': () => 'Nobody: a note. Senders check the certificate against the MX host name, which the probe was not given.',
  'capabilities-differ': () => 'Senders see a different server depending on the port or path they reach; who fails follows from what differs (STARTTLS: see starttls-not-advertised).',
  'auth-without-tls': () => 'No mail is refused; a client that authenticates here sends its password in clear text.',
};

function startTlsMissing(roles: Set<PortRole>): string {
  const parts = [`${REQUIRE_TLS_SENDERS} Opportunistic senders deliver in clear text.`];
  if (roles.has('submission')) parts.push('Mail clients will not send a password or mail in clear text, so users cannot send.');
  return parts.join(' ');
}

function startTlsBroken(roles: Set<PortRole>): string {
  const parts = [`${REQUIRE_TLS_SENDERS} Opportunistic senders fall back to clear text or defer, depending on the MTA.`];
  if (roles.has('submission')) parts.push('Mail clients cannot connect securely, so users cannot send.');
  return parts.join(' ');
}
