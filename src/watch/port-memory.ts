import { DAY_MS } from '../certificate/days-left';
import { describeChange, type ReportChange } from '../report/diff-reports';
import type { PortReport, Report } from '../report/types';
import type { Notice } from './notices';
import type { PortMemory, WatchState } from './watch-state';

export interface CertificateFacts {
  ports: number[];
  thumbprint: string;
  subject: string;
  notAfter: string;
}

/** The distinct certificates a report saw, each with the ports serving it. */
export function servedCertificates(report: Report): CertificateFacts[] {
  const byThumbprint = new Map<string, CertificateFacts>();
  for (const p of report.ports) {
    const c = p.certificate;
    if (!c) continue;
    const seen = byThumbprint.get(c.sha1Thumbprint);
    if (seen) seen.ports.push(p.port);
    else byThumbprint.set(c.sha1Thumbprint, { ports: [p.port], thumbprint: c.sha1Thumbprint, subject: c.subject, notAfter: c.notAfter });
  }
  return [...byThumbprint.values()];
}

/** Days from `now` (the watcher's clock, not the probe's) to the certificate's expiry. */
export function daysLeftAt(notAfter: string, now: number): number {
  return (Date.parse(notAfter) - now) / DAY_MS;
}

function answered(p: PortReport): boolean {
  return p.capabilities.length > 0 || p.ehloCommand !== undefined;
}

function capabilityLines(p: PortReport): string[] {
  // STARTTLS appearing or vanishing is a finding of its own.
  return p.capabilities.filter((c) => c.keyword !== 'STARTTLS').map((c) => [c.keyword, ...c.params].join(' '));
}

/** Renewals (a port serving a new certificate) against what the ports served before. */
export function renewalNotices(memory: WatchState['ports'], report: Report): Notice[] {
  const pairs = new Map<string, Notice & { kind: 'certificate-renewed' }>();
  for (const p of report.ports) {
    const before = memory[String(p.port)];
    const c = p.certificate;
    if (!c || !before?.thumbprint || before.thumbprint === c.sha1Thumbprint) continue;
    const id = `${before.thumbprint}>${c.sha1Thumbprint}`;
    const seen = pairs.get(id);
    if (seen) seen.ports.push(p.port);
    else
      pairs.set(id, {
        kind: 'certificate-renewed',
        ports: [p.port],
        before: { thumbprint: before.thumbprint, ...(before.notAfter ? { notAfter: before.notAfter } : {}) },
        after: { thumbprint: c.sha1Thumbprint, notAfter: c.notAfter, subject: c.subject },
      });
  }
  return [...pairs.values()];
}

/** EHLO capabilities that changed on a port since it last answered. */
export function capabilityNotices(memory: WatchState['ports'], report: Report): Notice[] {
  const notices: Notice[] = [];
  for (const p of report.ports) {
    const before = memory[String(p.port)]?.capabilities;
    if (!before || !answered(p)) continue;
    const changes = capabilityChanges(p.port, before, capabilityLines(p)).map(describeChange);
    if (changes.length > 0) notices.push({ kind: 'capabilities-changed', port: p.port, changes });
  }
  return notices;
}

function capabilityChanges(port: number, before: string[], after: string[]): ReportChange[] {
  const split = (lines: string[]) => new Map(lines.map((l) => [l.split(' ')[0], l.split(' ').slice(1).join(' ')] as const));
  const was = split(before);
  const now = split(after);
  const changes: ReportChange[] = [];
  for (const [keyword, value] of now) {
    const old = was.get(keyword);
    if (old === undefined) changes.push({ kind: 'capability-added', port, keyword });
    else if (old !== value) changes.push({ kind: 'capability-changed', port, keyword, before: old, after: value });
  }
  for (const keyword of was.keys()) if (!now.has(keyword)) changes.push({ kind: 'capability-removed', port, keyword });
  return changes;
}

/**
 * Each threshold announced once per certificate: a certificate first seen at 5
 * days left announces the 7-day threshold only, and marks 30 and 14 as done too.
 */
export function expiryNotices(
  fired: WatchState['expiryFired'],
  report: Report,
  now: number,
  thresholds: number[],
): { notices: Notice[]; fired: WatchState['expiryFired'] } {
  const next: WatchState['expiryFired'] = { ...fired };
  const notices: Notice[] = [];
  for (const cert of servedCertificates(report)) {
    const daysLeft = daysLeftAt(cert.notAfter, now);
    const done = new Set(fired[cert.thumbprint] ?? []);
    const crossed = thresholds.filter((t) => daysLeft <= t && !done.has(t));
    if (crossed.length > 0) {
      notices.push({ kind: 'expiry-threshold', ...cert, daysLeft, threshold: Math.min(...crossed) });
      for (const t of crossed) done.add(t);
    }
    next[cert.thumbprint] = [...done].sort((a, b) => b - a);
  }
  return { notices, fired: next };
}

/** Forget thresholds of certificates no port serves any more (a port that stopped answering still counts). */
export function pruneFired(fired: WatchState['expiryFired'], memory: WatchState['ports']): WatchState['expiryFired'] {
  const kept = new Set(Object.values(memory).map((m) => m.thumbprint));
  return Object.fromEntries(Object.entries(fired).filter(([thumbprint]) => kept.has(thumbprint)));
}

/** What to remember of each port that answered; ports that did not keep their old memory. */
export function rememberPorts(memory: WatchState['ports'], report: Report): WatchState['ports'] {
  const next: WatchState['ports'] = { ...memory };
  for (const p of report.ports) {
    if (!answered(p)) continue;
    const old: PortMemory = memory[String(p.port)] ?? {};
    const c = p.certificate;
    next[String(p.port)] = {
      capabilities: capabilityLines(p),
      ...(c ? { thumbprint: c.sha1Thumbprint, notAfter: c.notAfter } : old.thumbprint ? { thumbprint: old.thumbprint, notAfter: old.notAfter } : {}),
    };
  }
  return next;
}
