import type { Platform } from '../fix-commands/types';

/** Human names, for titles and evidence. */
export const PLATFORM_LABELS: Record<Platform, string> = {
  'exchange-onprem': 'Exchange Server (on-premises)',
  'exchange-online': 'Exchange Online Protection',
  postfix: 'Postfix',
  exim: 'Exim',
  sendmail: 'Sendmail',
  opensmtpd: 'OpenSMTPD',
  'cisco-asa': 'Cisco ASA ESMTP inspection',
  unknown: 'unknown',
};

/**
 * Order of remediation entries when the platform is unknown: the mail servers an operator
 * is most likely to run first. Exchange Online and the ASA are never guessed: their marks
 * are unmistakable, so without them the entries would only be noise.
 */
export const MTA_ORDER: readonly Platform[] = ['exchange-onprem', 'postfix', 'exim', 'sendmail', 'opensmtpd'];
