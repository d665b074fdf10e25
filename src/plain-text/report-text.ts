import type { CertificateReport } from '../certificate/types';
import { findingLevel } from '../diagnosis/finding-level';
import type { Finding } from '../diagnosis/types';
import { capabilityMatrix } from '../report/capability-matrix';
import type { PortReport, Report } from '../report/types';
import { identityVerdict, NOT_CHECKED_TEXT, trustReasons } from '../report/certificate-verdicts';
import { findingText, pad } from './finding-text';
import { safe } from './escape';
import { tls12Sentence, tlsVersionsText } from '../report/tls-versions';
import { levelColour, style, type Style } from './colour';

/**
 * The human-readable report: capability table, per-port TLS and certificate, findings with remediation.
 * `s` adds colour and emphasis (a terminal); its default adds none.
 */
export function renderText(report: Report, s: Style = style(false)): string {
  return [header(report, s), capabilityTable(report, s), ...report.ports.map((p) => portSummary(p, s)), findingsText(report.findings, s)]
    .filter((s) => s !== '')
    .join('\n\n')
    .concat('\n');
}

function header(r: Report, s: Style): string {
  const count = r.findings.length === 1 ? '1 finding' : `${r.findings.length} findings`;
  const sni = r.servername ? `; servername ${safe(r.servername)}` : '';
  return `${s.bold(safe(r.host))}  ${s.bold(levelColour(r.verdict, s)(r.verdict.toUpperCase()))}  (${count}; platform ${r.platform}${sni}; ${r.durationMs} ms)`;
}

function capabilityTable(r: Report, s: Style): string {
  const m = capabilityMatrix(r.ports);
  if (m.ports.length === 0) return '';
  const cell = (v: string | null) => (v === null ? '-' : v === '' ? 'yes' : safe(v));
  const width = Math.max(10, ...m.rows.flatMap((row) => row.values.map((v) => cell(v).length + 2)));
  const keyWidth = Math.max(12, ...m.rows.map((row) => row.keyword.length + 2));
  const lines = [pad('capability', keyWidth) + m.ports.map((p) => pad(`port ${p}`, width)).join('')];
  for (const row of m.rows) {
    const mark = row.differs ? s.yellow('  <- differs') : '';
    lines.push(pad(safe(row.keyword), keyWidth) + row.values.map((v) => pad(cell(v), width)).join('') + mark);
  }
  return lines.join('\n');
}

function portSummary(p: PortReport, s: Style): string {
  const lines = [s.bold(`port ${p.port} (${p.mode})${p.address ? ` at ${p.address}` : ''}`)];
  if (p.banner) lines.push(`  greeting: ${safe(p.banner.join(' / '))} (${p.greetingMs} ms)`);
  lines.push(`  ${tlsLine(p)}`);
  if (p.tlsVersions) lines.push(`  TLS versions: ${tlsVersionsText(p.tlsVersions)} (${tls12Sentence(p.tlsVersions)})`);
  if (p.certificate) lines.push(...certificateLines(p.certificate, s));
  if (p.error) lines.push(s.red(`  error: ${p.error.code} at ${p.error.step}: ${safe(p.error.message)}`));
  return lines.join('\n');
}

function tlsLine(p: PortReport): string {
  const s = p.starttls;
  if (s.protocol) return `TLS: ${s.protocol} ${s.cipher ?? ''}`.trimEnd();
  if (s.attempted && s.replyCode !== 220) return `STARTTLS answered: ${safe(s.replyText ?? '')}`;
  if (p.mode === 'starttls' && p.ehloCommand && !s.advertised) return 'STARTTLS: not advertised';
  return 'TLS: not established';
}

function certificateLines(c: CertificateReport, s: Style): string[] {
  const reasons = trustReasons(c);
  return [
    `  certificate: ${safe(c.subject)}`,
    `    issuer: ${safe(c.issuer)}`,
    `    names: ${safe(c.san.join(', ') || '(none)')}`,
    `    identity: ${identityText(c, s)}`,
    `    chain: ${reasons.length === 0 ? s.green('trusted') : s.red(`NOT trusted (${safe(reasons.join(', '))})`)}`,
    `    expires: ${c.notAfter} (${expiryText(c, s)})`,
    `    key: ${c.keyType} ${c.keyBits}  signature: ${c.signatureAlgorithm}`,
    `    thumbprint: ${c.sha1Thumbprint}`,
    `    TlsCertificateName: ${safe(c.exchangeTlsCertificateName)}`,
  ];
}

function identityText(c: CertificateReport, s: Style): string {
  const v = identityVerdict(c);
  const covered = (name: string, yes: boolean) => `${safe(name)} ${yes ? s.green('covered') : s.red('NOT covered')}`;
  const own = v.state === 'not-checked' ? NOT_CHECKED_TEXT : covered(v.name || 'host', v.state === 'covered');
  return [own, ...c.expectedNames.map((n) => covered(n.name, n.matches))].join('; ');
}

function expiryText(c: CertificateReport, s: Style): string {
  if (c.daysLeft < 0) return s.red(`expired ${-c.daysLeft} days ago`);
  if (c.expired) return s.red('expired today');
  return `${c.daysLeft} days left`;
}

function findingsText(findings: Finding[], s: Style): string {
  if (findings.length === 0) return s.green('No problems found.');
  return findings.map((f) => findingText(`${levelColour(findingLevel(f), s)(findingLevel(f).toUpperCase())}  ${s.bold(f.id)}  [ports ${f.ports.join(', ')}]  ${safe(f.title)}`, f)).join('\n\n');
}
