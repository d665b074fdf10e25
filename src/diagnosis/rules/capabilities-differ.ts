import type { Capability, PortProbeResult } from '../../probe/types';
import { keywordOf, preTlsCapabilities } from '../capabilities';
import { platformOf } from '../fingerprint';
import { isMaskedKeyword } from '../masking';
import { capabilitiesDifferRemediation } from '../remediation/capabilities';
import { answeredPorts } from '../session';
import { formatMegabytes, formatPorts, formatPortsTitle, serverText } from '../text';
import type { DiagnosisInput, Finding } from '../types';

/** Keywords whose difference between ports matters for transport security. */
const SECURITY_KEYWORDS = new Set(['STARTTLS', 'REQUIRETLS']);

export interface CapabilityDifference {
  keyword: string;
  /** Ports advertising the keyword, and those that do not. */
  presentOn: number[];
  missingOn: number[];
  /** Distinct parameter values with their ports, when the keyword is present on 2+ ports with different parameters. */
  values: { params: string; ports: number[] }[];
}

/** Parameters compared case-insensitively; AUTH mechanisms in any order. */
function normalisedParams(c: Capability): string {
  const params = c.params.map((p) => p.toUpperCase());
  if (keywordOf(c) === 'AUTH') params.sort();
  return params.join(' ');
}

/** The per-port comparison of pre-TLS EHLO capability sets. */
export function compareCapabilities(probes: readonly PortProbeResult[]): CapabilityDifference[] {
  const ports = [...new Set(probes.map((p) => p.port))];
  const byKeyword = new Map<string, Map<number, Capability>>();
  for (const probe of probes) {
    for (const c of preTlsCapabilities(probe)) {
      const k = keywordOf(c);
      const seen = byKeyword.get(k) ?? new Map<number, Capability>();
      if (!seen.has(probe.port)) seen.set(probe.port, c);
      byKeyword.set(k, seen);
    }
  }
  const differences: CapabilityDifference[] = [];
  for (const [keyword, seen] of byKeyword) {
    const presentOn = ports.filter((p) => seen.has(p));
    const missingOn = ports.filter((p) => !seen.has(p));
    const groups = new Map<string, { params: string; ports: number[] }>();
    for (const port of presentOn) {
      const c = seen.get(port)!;
      const key = normalisedParams(c);
      const group = groups.get(key) ?? { params: c.params.join(' '), ports: [] };
      group.ports.push(port);
      groups.set(key, group);
    }
    const values = groups.size > 1 ? [...groups.values()] : [];
    if (missingOn.length > 0 || values.length > 0) differences.push({ keyword, presentOn, missingOn, values });
  }
  return differences;
}

function describe(d: CapabilityDifference): string[] {
  const lines: string[] = [];
  const name = serverText(d.keyword, 40);
  if (d.missingOn.length > 0) {
    lines.push(`${name}: offered on ${formatPorts(d.presentOn)}; missing on ${formatPorts(d.missingOn)}`);
  }
  if (d.values.length > 0) {
    const parts = d.values.map(({ params, ports }) => {
      const bytes = Number(params);
      const size = d.keyword === 'SIZE' && Number.isFinite(bytes) && bytes > 0 ? ` (${formatMegabytes(bytes)})` : '';
      return `${serverText(params || '(no parameters)', 80)}${size} on ${formatPorts(ports)}`;
    });
    lines.push(`${name}: ${parts.join(' vs ')}`);
  }
  return lines;
}

/**
 * capabilities-differ: the STARTTLS-mode ports that answered EHLO advertise different
 * keywords or parameters. Warning when STARTTLS (or REQUIRETLS, or a masked keyword) is
 * among the differences, info when only other keywords differ (AUTH on submission only,
 * another SIZE: usually by design, but it shows a different connector or service answers).
 */
export function capabilitiesDiffer(input: DiagnosisInput): Finding[] {
  const probes = answeredPorts(input.ports.map((o) => o.probe))
    .filter((p) => p.mode === 'starttls' && p.ehlo?.command === 'EHLO')
    .sort((a, b) => a.port - b.port);
  if (probes.length < 2) return [];
  const differences = compareCapabilities(probes);
  if (differences.length === 0) return [];
  const ports = [...new Set(probes.map((p) => p.port))];
  const security = differences.filter((d) => SECURITY_KEYWORDS.has(d.keyword) || isMaskedKeyword(d.keyword));
  const sizes = differences.find((d) => d.keyword === 'SIZE' && d.values.length > 0);
  const ordered = [...security, ...differences.filter((d) => !security.includes(d))];
  const title = security.length
    ? `${formatPortsTitle(ports)} advertise different capabilities, including ${security.map((d) => serverText(d.keyword, 40)).join(', ')}`
    : `${formatPortsTitle(ports)} advertise different capabilities`;
  return [
    {
      id: 'capabilities-differ',
      severity: security.length ? 'warning' : 'info',
      ports,
      title,
      evidence: [
        ...ordered.flatMap(describe),
        'different capabilities per port usually mean a different service, receive connector or server answers each port',
      ],
      remediation: capabilitiesDifferRemediation({
        host: input.host,
        ports,
        mode: 'starttls',
        platform: platformOf(input),
        sizes: sizes ? sizes.values.flatMap((v) => v.ports.map((port) => ({ port, size: v.params }))).sort((a, b) => a.port - b.port) : [],
      }),
    },
  ];
}
