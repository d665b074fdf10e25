import type { CertificateReport } from '../certificate/types';
import type { FindingId } from '../diagnosis/types';
import type { PortReport, Report, Verdict } from './types';

/** One thing that differs between two checks of the same target, oldest first. */
export type ReportChange =
  | { kind: 'verdict'; before: Verdict; after: Verdict }
  | { kind: 'port-added' | 'port-removed'; port: number }
  | { kind: 'reachability'; port: number; before?: string; after?: string }
  | { kind: 'starttls'; port: number; advertised: boolean }
  | { kind: 'tls'; port: number; before?: string; after?: string }
  | { kind: 'capability-added' | 'capability-removed'; port: number; keyword: string }
  | { kind: 'capability-changed'; port: number; keyword: string; before: string; after: string }
  | { kind: 'certificate'; port: number; before?: string; after?: string }
  /** Chain trust, apart from names: the reason is OpenSSL's, in words. */
  | { kind: 'trust'; port: number; trusted: boolean; reason?: string }
  /** Whether the certificate covers the name senders use (--servername or the host). */
  | { kind: 'identity'; port: number; name: string; covered: boolean }
  | { kind: 'finding-resolved' | 'finding-new'; id: FindingId; title: string; ports: number[] };

/** What changed from `before` to `after`, e.g. STARTTLS now advertised on 25. Pure. */
export function diffReports(before: Report, after: Report): ReportChange[] {
  const changes: ReportChange[] = [];
  if (before.verdict !== after.verdict) changes.push({ kind: 'verdict', before: before.verdict, after: after.verdict });
  for (const a of after.ports) {
    const b = before.ports.find((p) => p.port === a.port);
    if (b) changes.push(...diffPort(b, a));
    else changes.push({ kind: 'port-added', port: a.port });
  }
  for (const b of before.ports) if (!after.ports.some((p) => p.port === b.port)) changes.push({ kind: 'port-removed', port: b.port });
  const key = (f: { id: string; ports: number[] }) => `${f.id}:${f.ports.join(',')}`;
  const beforeKeys = new Set(before.findings.map(key));
  const afterKeys = new Set(after.findings.map(key));
  for (const f of before.findings) if (!afterKeys.has(key(f))) changes.push({ kind: 'finding-resolved', id: f.id, title: f.title, ports: f.ports });
  for (const f of after.findings) if (!beforeKeys.has(key(f))) changes.push({ kind: 'finding-new', id: f.id, title: f.title, ports: f.ports });
  return changes;
}

function diffPort(b: PortReport, a: PortReport): ReportChange[] {
  const port = a.port;
  const changes: ReportChange[] = [];
  if (b.error?.code !== a.error?.code) changes.push({ kind: 'reachability', port, before: b.error?.code, after: a.error?.code });
  if (b.starttls.advertised !== a.starttls.advertised && a.mode === 'starttls') changes.push({ kind: 'starttls', port, advertised: a.starttls.advertised });
  const tls = (p: PortReport) => (p.starttls.succeeded ? p.starttls.protocol ?? 'TLS' : undefined);
  if (tls(b) !== tls(a)) changes.push({ kind: 'tls', port, before: tls(b), after: tls(a) });
  changes.push(...diffCapabilities(b, a));
  const cert = (p: PortReport) => p.certificate?.sha256Fingerprint;
  if (cert(b) !== cert(a)) changes.push({ kind: 'certificate', port, before: b.certificate?.subject, after: a.certificate?.subject });
  if (b.certificate && a.certificate) changes.push(...diffCertificateVerdicts(port, b.certificate, a.certificate));
  return changes;
}

/** Trust and identity as two changes, so "now trusted" never hides "no longer covers the name". */
function diffCertificateVerdicts(port: number, b: CertificateReport, a: CertificateReport): ReportChange[] {
  const changes: ReportChange[] = [];
  if (b.trusted !== a.trusted) {
    const reason = a.trustReason ?? a.trustError;
    changes.push({ kind: 'trust', port, trusted: a.trusted, ...(reason && !a.trusted ? { reason } : {}) });
  }
  const name = a.identityName;
  if (name && b.identityName === name && typeof b.nameMatch === 'boolean' && typeof a.nameMatch === 'boolean' && b.nameMatch !== a.nameMatch) {
    changes.push({ kind: 'identity', port, name, covered: a.nameMatch });
  }
  return changes;
}

function diffCapabilities(b: PortReport, a: PortReport): ReportChange[] {
  const port = a.port;
  const params = (p: PortReport) => new Map(p.capabilities.map((c) => [c.keyword, c.params.join(' ')]));
  const was = params(b);
  const now = params(a);
  const changes: ReportChange[] = [];
  for (const [keyword, value] of now) {
    // STARTTLS has its own change line; saying it twice adds nothing.
    if (keyword === 'STARTTLS') continue;
    const old = was.get(keyword);
    if (old === undefined) changes.push({ kind: 'capability-added', port, keyword });
    else if (old !== value) changes.push({ kind: 'capability-changed', port, keyword, before: old, after: value });
  }
  for (const keyword of was.keys()) if (!now.has(keyword) && keyword !== 'STARTTLS') changes.push({ kind: 'capability-removed', port, keyword });
  return changes;
}

/** One line of plain text per change; front ends escape it for their medium. */
export function describeChange(c: ReportChange): string {
  switch (c.kind) {
    case 'verdict':
      return `verdict ${c.before.toUpperCase()} → ${c.after.toUpperCase()}`;
    case 'port-added':
      return `port ${c.port} checked for the first time`;
    case 'port-removed':
      return `port ${c.port} no longer checked`;
    case 'reachability':
      return c.after ? `port ${c.port} now fails: ${c.after}` : `port ${c.port} answers again (was ${c.before})`;
    case 'starttls':
      return `STARTTLS ${c.advertised ? 'now advertised' : 'no longer advertised'} on ${c.port}`;
    case 'tls':
      return c.after ? `TLS on ${c.port} now ${c.after}${c.before ? ` (was ${c.before})` : ''}` : `TLS on ${c.port} no longer established (was ${c.before})`;
    case 'capability-added':
      return `${c.keyword} now advertised on ${c.port}`;
    case 'capability-removed':
      return `${c.keyword} no longer advertised on ${c.port}`;
    case 'capability-changed':
      return `${c.keyword} on ${c.port}: ${c.before || '(no value)'} → ${c.after || '(no value)'}`;
    case 'certificate':
      return c.after ? `port ${c.port} serves a different certificate: ${c.after}` : `port ${c.port} no longer serves a certificate`;
    case 'trust':
      return c.trusted ? `certificate chain on ${c.port} now trusted` : `certificate chain on ${c.port} no longer trusted${c.reason ? `: ${c.reason}` : ''}`;
    case 'identity':
      return `certificate on ${c.port} ${c.covered ? 'now covers' : 'no longer covers'} ${c.name}`;
    case 'finding-resolved':
      return `resolved: ${c.title}`;
    case 'finding-new':
      return `new: ${c.title}`;
  }
}
