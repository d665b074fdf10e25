import type { CertificateReport } from '../certificate/types';
import type { Finding } from '../diagnosis/types';
import { capabilityMatrix } from '../report/capability-matrix';
import type { PortReport, Report } from '../report/types';
import { findingText, pad, safe } from '../report/plain-text';

/** The human-readable report: capability table, per-port TLS and certificate, findings with remediation. */
export function renderText(report: Report): string {
  return [header(report), capabilityTable(report), ...report.ports.map(portSummary), findingsText(report.findings)]
    .filter((s) => s !== '')
    .join('\n\n')
    .concat('\n');
}

function header(r: Report): string {
  const count = r.findings.length === 1 ? '1 finding' : `${r.findings.length} findings`;
  return `${safe(r.host)}  ${r.verdict.toUpperCase()}  (${count}; platform ${r.platform}; ${r.durationMs} ms)`;
}

function capabilityTable(r: Report): string {
  const m = capabilityMatrix(r.ports);
  if (m.ports.length === 0) return '';
  const cell = (v: string | null) => (v === null ? '-' : v === '' ? 'yes' : safe(v));
  const width = Math.max(10, ...m.rows.flatMap((row) => row.values.map((v) => cell(v).length + 2)));
  const keyWidth = Math.max(12, ...m.rows.map((row) => row.keyword.length + 2));
  const lines = [pad('capability', keyWidth) + m.ports.map((p) => pad(`port ${p}`, width)).join('')];
  for (const row of m.rows) {
    const mark = row.differs ? '  <- differs' : '';
    lines.push(pad(safe(row.keyword), keyWidth) + row.values.map((v) => pad(cell(v), width)).join('') + mark);
  }
  return lines.join('\n');
}

function portSummary(p: PortReport): string {
  const lines = [`port ${p.port} (${p.mode})${p.address ? ` at ${p.address}` : ''}`];
  if (p.banner) lines.push(`  greeting: ${safe(p.banner.join(' / '))} (${p.greetingMs} ms)`);
  lines.push(`  ${tlsLine(p)}`);
  if (p.certificate) lines.push(...certificateLines(p.certificate));
  if (p.error) lines.push(`  error: ${p.error.code} at ${p.error.step}: ${safe(p.error.message)}`);
  return lines.join('\n');
}

function tlsLine(p: PortReport): string {
  const s = p.starttls;
  if (s.protocol) return `TLS: ${s.protocol} ${s.cipher ?? ''}`.trimEnd();
  if (s.attempted && s.replyCode !== 220) return `STARTTLS answered: ${safe(s.replyText ?? '')}`;
  if (p.mode === 'starttls' && p.ehloCommand && !s.advertised) return 'STARTTLS: not advertised';
  return 'TLS: not established';
}

function certificateLines(c: CertificateReport): string[] {
  const trust = c.trusted ? 'trusted' : `NOT trusted (${c.trustError ?? 'unknown reason'}${c.chainComplete ? '' : ', intermediate missing'})`;
  return [
    `  certificate: ${safe(c.subject)}`,
    `    issuer: ${safe(c.issuer)}`,
    `    names: ${safe(c.san.join(', ') || '(none)')}  name match: ${c.nameMatch ? 'yes' : 'NO'}`,
    `    expires: ${c.notAfter} (${c.daysLeft} days)  ${trust}`,
    `    key: ${c.keyType} ${c.keyBits}  signature: ${c.signatureAlgorithm}`,
    `    thumbprint: ${c.sha1Thumbprint}`,
    `    TlsCertificateName: ${safe(c.exchangeTlsCertificateName)}`,
  ];
}

function findingsText(findings: Finding[]): string {
  if (findings.length === 0) return 'No problems found.';
  return findings.map((f) => findingText(`${f.severity.toUpperCase()}  ${f.id}  [ports ${f.ports.join(', ')}]  ${safe(f.title)}`, f)).join('\n\n');
}
