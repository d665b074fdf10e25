import type { CertificateReport } from '../../certificate/types';
import { identityVerdict, NOT_CHECKED_TEXT, trustReasons } from '../../report/certificate-verdicts';
import type { PortReport } from '../../report/types';
import { inlineCode, mrkdwn } from './escape';
import { clip, section, type Block } from './limits';

const NAMES_SHOWN = 8;
const DN_MAX = 200;
const MAX_CERTIFICATES = 3;

/** One section per distinct certificate served, naming the ports that served it. */
export function certificateBlocks(ports: PortReport[]): Block[] {
  const groups = new Map<string, { certificate: CertificateReport; ports: number[] }>();
  for (const p of ports) {
    if (!p.certificate) continue;
    const key = p.certificate.sha256Fingerprint || p.certificate.sha1Thumbprint;
    const group = groups.get(key) ?? { certificate: p.certificate, ports: [] };
    group.ports.push(p.port);
    groups.set(key, group);
  }
  const all = [...groups.values()];
  const blocks = all.slice(0, MAX_CERTIFICATES).map((g) => section(certificateText(g.certificate, g.ports)));
  if (all.length > MAX_CERTIFICATES) blocks.push(section(`… ${all.length - MAX_CERTIFICATES} more certificates (see Details)`));
  return blocks;
}

function certificateText(c: CertificateReport, ports: number[]): string {
  const names = c.san.slice(0, NAMES_SHOWN).map((n) => inlineCode(clip(n, 100)));
  const more = c.san.length > NAMES_SHOWN ? ` and ${c.san.length - NAMES_SHOWN} more` : '';
  return [
    `*Certificate* on port${ports.length > 1 ? 's' : ''} ${ports.join(', ')}`,
    `Subject: ${inlineCode(clip(c.subject, DN_MAX)) || '(empty)'}`,
    `Issuer: ${inlineCode(clip(c.issuer, DN_MAX)) || '(empty)'}`,
    `Names: ${names.length > 0 ? names.join(', ') + more : '(none)'}`,
    `Identity: ${identity(c)}`,
    `Chain trust: ${trust(c)}`,
    `Expires: ${mrkdwn(c.notAfter.slice(0, 10))} (${expiry(c)})`,
  ].join('\n');
}

function expiry(c: CertificateReport): string {
  if (c.daysLeft < 0) return `❌ expired ${-c.daysLeft} days ago`;
  if (c.expired) return '❌ expired today';
  return `${c.daysLeft <= 30 ? '⚠️ ' : ''}${c.daysLeft} days left`;
}

/** Which names the certificate had to cover and whether it does: never mixed with trust. */
function identity(c: CertificateReport): string {
  const v = identityVerdict(c);
  const own = v.state === 'not-checked' ? mrkdwn(NOT_CHECKED_TEXT) : `${v.name ? inlineCode(clip(v.name, 100)) : 'host'} ${v.state === 'covered' ? '✅ covered' : '❌ not covered'}`;
  const expected = c.expectedNames.map((n) => `${inlineCode(clip(n.name, 100))} ${n.matches ? '✅ covered' : '❌ not covered'}`);
  return [own, ...expected].join(' · ');
}

function trust(c: CertificateReport): string {
  const reasons = trustReasons(c);
  return reasons.length === 0 ? '✅ trusted' : `❌ not trusted (${reasons.map((r) => mrkdwn(r)).join(', ')})`;
}
