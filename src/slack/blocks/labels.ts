import type { Severity } from '../../diagnosis/types';
import type { Platform } from '../../fix-commands/types';
import type { FindingLevel } from '../../diagnosis/finding-level';
import type { Verdict } from '../../report/types';

export const VERDICT_LABEL: Record<Verdict, string> = {
  ok: '✅ OK',
  warning: '⚠️ WARNING',
  critical: '🔴 CRITICAL',
  unknown: '❔ UNKNOWN',
};

export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: '🔴 Critical',
  warning: '⚠️ Warning',
  info: 'ℹ️ Info',
};

/** A finding's label: its severity, or Unknown for the one that makes the verdict UNKNOWN (findingLevel). */
export const LEVEL_LABEL: Record<FindingLevel, string> = { ...SEVERITY_LABEL, unknown: '❔ Unknown' };

export const SEVERITY_ORDER: Severity[] = ['critical', 'warning', 'info'];

export const PLATFORM_LABEL: Record<Platform | 'any', string> = {
  'exchange-onprem': 'Exchange Server (on-premises)',
  'exchange-online': 'Exchange Online',
  postfix: 'Postfix',
  exim: 'Exim',
  sendmail: 'Sendmail',
  opensmtpd: 'OpenSMTPD',
  'cisco-asa': 'Cisco ASA (ESMTP inspection)',
  unknown: 'unknown platform',
  any: 'Any platform',
};

export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Slack renders this in each reader's time zone; the fallback is UTC. */
export function slackDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return 'unknown time';
  const fallback = `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${Math.floor(date.getTime() / 1000)}^{date_short_pretty} {time}|${fallback}>`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
