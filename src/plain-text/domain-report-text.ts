import { findingText, pad } from './finding-text';
import { safe } from './escape';
import { describeTlsa } from '../domain-check/dane/tlsa-match';
import type { DomainFinding, DomainReport, HostSummary } from '../domain-check/types';

/**
 * The domain part of the human-readable report, printed after the per-host
 * reports: MX comparison, policy status lines, domain findings with
 * remediation, notes. Every value from DNS, HTTP or a certificate goes through
 * safe() before it reaches a terminal.
 */
export function renderDomainText(report: DomainReport): string {
  return [header(report), hostTable(report), agreement(report), capabilityTable(report), policyLines(report), findingsText(report.findings), notesText(report)]
    .filter((s) => s !== '')
    .join('\n\n')
    .concat('\n');
}

function header(r: DomainReport): string {
  const count = r.findings.length === 1 ? '1 domain finding' : `${r.findings.length} domain findings`;
  const mx = r.mx.hosts.map((h) => `${h.priority} ${h.exchange}`).join(', ');
  return `${safe(r.domain)}  ${r.verdict.toUpperCase()}  (MX: ${safe(mx)}${r.mx.source === 'implicit' ? ' (implicit)' : ''}; ${count}; ${r.durationMs} ms)`;
}

function hostTable(r: DomainReport): string {
  const rows = r.comparison.hosts.map((h) => [String(h.priority), safe(h.host), startTls(h), certificate(h), worst(h)]);
  const heading = ['pref', 'MX host', 'STARTTLS', 'certificate', 'worst finding'];
  const widths = heading.map((t, i) => Math.max(t.length, ...rows.map((row) => row[i].length)) + 2);
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]))).join('').trimEnd();
  return [line(heading), ...rows.map(line)].join('\n');
}

function startTls(h: HostSummary): string {
  return h.starttls === 'ok' && h.protocol ? `ok ${h.protocol}` : h.starttls;
}

function certificate(h: HostSummary): string {
  const c = h.certificate;
  if (!c) return '-';
  const state = [c.trusted ? 'trusted' : 'UNTRUSTED', c.nameMatch === null ? 'name not checked' : c.nameMatch ? 'name ok' : 'NAME MISMATCH', `${c.daysLeft}d`].join(', ');
  return `${safe(c.subject.split(', ')[0])} ${c.sha1Thumbprint.slice(0, 8)} (${state})`;
}

function worst(h: HostSummary): string {
  return h.worstFinding ? `${h.worstFinding.severity.toUpperCase()} ${h.worstFinding.id}` : h.verdict === 'unknown' ? 'not checked' : '-';
}

function agreement(r: DomainReport): string {
  if (r.comparison.hosts.length < 2) return '';
  const lines = [`hosts agree: ${r.comparison.aspects.map((a) => `${a.aspect} ${a.agree ? 'yes' : 'NO'}`).join(', ')}`];
  for (const a of r.comparison.aspects.filter((x) => !x.agree)) {
    for (const g of a.groups) lines.push(`  ${a.aspect}: ${safe(g.hosts.join(', '))}: ${safe(g.value)}`);
  }
  return lines.join('\n');
}

function capabilityTable(r: DomainReport): string {
  const { capabilityHosts: hosts, capabilityRows: rows } = r.comparison;
  if (hosts.length < 2 || !rows.some((row) => row.differs)) return '';
  const cell = (v: string | null) => (v === null ? '-' : v === '' ? 'yes' : safe(v));
  const width = Math.max(10, ...hosts.map((h) => h.length + 2), ...rows.flatMap((row) => row.values.map((v) => cell(v).length + 2)));
  const keyWidth = Math.max(12, ...rows.map((row) => row.keyword.length + 2));
  const lines = [pad('capability', keyWidth) + hosts.map((h) => pad(safe(h), width)).join('')];
  for (const row of rows) {
    lines.push(pad(safe(row.keyword), keyWidth) + row.values.map((v) => pad(cell(v), width)).join('') + (row.differs ? '  <- differs' : ''));
  }
  return lines.join('\n');
}

function policyLines(r: DomainReport): string {
  const lines: string[] = [];
  const s = r.mtaSts;
  if (s.policy) {
    lines.push(`MTA-STS: mode ${s.policy.mode}, max_age ${s.policy.maxAge}, id ${safe(s.record?.id ?? '?')}, mx ${safe(s.policy.mx.join(', ') || '(none)')}`);
    for (const c of s.coverage) lines.push(`  ${safe(c.host)}: ${c.pattern ? `covered by ${safe(c.pattern)}` : 'NOT COVERED'}`);
  } else if (s.problem) {
    lines.push(`MTA-STS: ${s.problem.code}: ${safe(s.problem.message)}`);
  } else {
    lines.push(`MTA-STS: none (no v=STSv1 record at ${safe(s.recordName)})`);
  }
  const t = r.tlsRpt;
  lines.push(
    t.record
      ? `TLS-RPT: reports to ${safe(t.record.rua.join(', '))}`
      : t.problem
        ? `TLS-RPT: ${t.problem.code}: ${safe(t.problem.message)}`
        : `TLS-RPT: none (no v=TLSRPTv1 record at ${safe(t.recordName)})`,
  );
  const published = r.dane.filter((d) => d.records.length > 0);
  if (published.length === 0) lines.push('DANE: no TLSA records');
  for (const d of published) {
    lines.push(`DANE ${safe(d.recordName)}: ${d.authenticated ? 'DNSSEC-validated' : 'not validated'}, ${d.authenticatedChain ? 'matches the served chain' : 'DOES NOT MATCH the served chain'}`);
    for (const m of d.matches) lines.push(`  ${safe(describeTlsa(m.record))}: ${safe(m.note)}`);
  }
  for (const c of r.chainRepairs) {
    const named = c.intermediates.map((i) => `${i.subject} (SHA-256 ${i.sha256Fingerprint}) from ${i.url}`).join('; then ');
    lines.push(`chain ${safe(c.host)} port ${c.port}: missing ${safe(named || 'an intermediate')}${c.problem ? ` [${c.problem.code}: ${safe(c.problem.message)}]` : ''}`);
    for (const i of c.intermediates) lines.push(...i.pem.trimEnd().split('\n').map((l) => `    ${l}`));
  }
  return lines.join('\n');
}

function findingsText(findings: DomainFinding[]): string {
  if (findings.length === 0) return 'No domain-level problems found.';
  return findings.map(domainFindingText).join('\n\n');
}

function domainFindingText(f: DomainFinding): string {
  const where = f.hosts.length > 0 ? `  [${f.hosts.join(', ')}]` : '';
  return findingText(`${f.severity.toUpperCase()}  ${f.id}${safe(where)}  ${safe(f.title)}`, f);
}

function notesText(r: DomainReport): string {
  return r.notes.map((n) => `note: ${safe(n)}`).join('\n');
}
