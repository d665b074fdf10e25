import type { PortReport } from '../../report/types';
import { inlineCode, mrkdwn, verbatim } from './escape';
import { duration } from './labels';
import { clip, fieldsSection, type Block } from './limits';

const BANNER_MAX = 120;

/** One field per port: how it answered, STARTTLS, the TLS version and cipher, or the error. */
export function portBlocks(ports: PortReport[]): Block[] {
  if (ports.length === 0) return [];
  const fieldMax = ports.length > 4 ? 300 : 600;
  return [fieldsSection(ports.map((p) => clip(portField(p), fieldMax)))];
}

function portField(p: PortReport): string {
  const lines = [`*Port ${p.port}* · ${p.mode === 'implicit-tls' ? 'implicit TLS' : 'STARTTLS'} · ${duration(p.totalMs)}`];
  lines.push(tlsLine(p));
  if (p.error) lines.push(`⛔ ${p.error.code} at ${p.error.step}: ${verbatim(clip(p.error.message, 200))}`);
  if (p.banner && p.banner.length > 0) lines.push(`Banner: ${inlineCode(clip(p.banner.join(' / '), BANNER_MAX))}`);
  return lines.join('\n');
}

function tlsLine(p: PortReport): string {
  const s = p.starttls;
  const cipher = s.cipher ? ` ${inlineCode(s.cipher)}` : '';
  // The engine sets `succeeded` for a STARTTLS upgrade; an implicit-TLS port shows its TLS by the protocol reached.
  if (s.succeeded || (p.mode === 'implicit-tls' && s.protocol)) return p.mode === 'implicit-tls' ? `🔒 TLS ${mrkdwn(s.protocol ?? '')}${cipher}` : `✅ STARTTLS → ${mrkdwn(s.protocol ?? 'TLS')}${cipher}`;
  if (s.attempted && s.replyCode !== undefined && s.replyCode !== 220) {
    return `❌ STARTTLS refused: ${inlineCode(`${s.replyCode} ${clip(s.replyText ?? '', 150)}`)}`;
  }
  if (s.attempted) return '❌ TLS handshake failed';
  if (p.mode === 'starttls' && p.ehloCommand !== undefined && !s.advertised) return '❌ STARTTLS not advertised';
  return '– TLS not reached';
}
