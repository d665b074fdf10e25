import type { PortProbeResult } from '../probe/types';
import { announcedHost, keywordOf } from './capabilities';
import { showsMasking } from './masking';
import type { DiagnosisInput } from './types';
import type { Platform } from '../fix-commands/types';

const EXCHANGE_BANNER = /Microsoft ESMTP MAIL Service/i;
const EXCHANGE_ONLINE_HOST = /\.outlook\.com\.?$/i;
/** EHLO keywords only Exchange Server sends (the first three appear on the Default Frontend connector). */
const EXCHANGE_KEYWORDS = new Set(['X-ANONYMOUSTLS', 'X-EXPS', 'XRDST', 'XEXCH50', 'X-LINK2STATE', 'XSHADOWREQUEST']);
/** Keywords particular to one MTA, used when the banner has been customised. */
const EXIM_KEYWORDS = new Set(['PIPE_CONNECT', 'X_PIPE_CONNECT']);
const SENDMAIL_KEYWORDS = new Set(['VERB', 'ONEX']);

const BANNER_RULES: ReadonlyArray<[RegExp, Platform]> = [
  [/\bPostfix\b/i, 'postfix'],
  [/\bExim\b/i, 'exim'],
  [/\bSendmail\b/i, 'sendmail'],
  [/\bOpenSMTPD\b/i, 'opensmtpd'],
];

/** Greeting lines and the first EHLO line (where servers name themselves), before and after TLS. */
function announcements(probe: PortProbeResult): string[] {
  return [
    ...(probe.greeting?.lines ?? []),
    probe.ehlo?.reply.lines[0],
    probe.ehloAfterTls?.reply.lines[0],
  ].filter((line): line is string => line !== undefined);
}

function keywords(probe: PortProbeResult): string[] {
  return [...(probe.ehlo?.capabilities ?? []), ...(probe.ehloAfterTls?.capabilities ?? [])].map(keywordOf);
}

function isExchangeOnline(probe: PortProbeResult): boolean {
  const names = [probe.host, announcedHost(probe.greeting?.lines[0]), announcedHost(probe.ehlo?.reply.lines[0])];
  return names.some((name) => name !== undefined && EXCHANGE_ONLINE_HOST.test(name));
}

/**
 * Which software answers, judged from every port's banner and EHLO keywords.
 * Precedence: a masking middlebox (it hides whatever is behind it), then Exchange Online
 * (Microsoft banner from an outlook.com host), Exchange on-premises, then the banner names
 * of Postfix, Exim, Sendmail, OpenSMTPD, then MTA-specific keywords; otherwise unknown.
 */
export function fingerprintPlatform(ports: readonly PortProbeResult[]): Platform {
  if (ports.some(showsMasking)) return 'cisco-asa';

  const microsoft = ports.filter((p) => announcements(p).some((line) => EXCHANGE_BANNER.test(line)));
  if (microsoft.some(isExchangeOnline)) return 'exchange-online';
  if (microsoft.length > 0) return 'exchange-onprem';

  const allKeywords = ports.flatMap(keywords);
  if (allKeywords.some((k) => EXCHANGE_KEYWORDS.has(k))) return 'exchange-onprem';

  const lines = ports.flatMap(announcements);
  for (const [pattern, platform] of BANNER_RULES) {
    if (lines.some((line) => pattern.test(line))) return platform;
  }

  if (allKeywords.some((k) => EXIM_KEYWORDS.has(k))) return 'exim';
  if (allKeywords.some((k) => SENDMAIL_KEYWORDS.has(k))) return 'sendmail';
  return 'unknown';
}

const platforms = new WeakMap<DiagnosisInput, Platform>();

/** The platform for a whole diagnosis input; every rule asks, so it is worked out once per input. */
export function platformOf(input: DiagnosisInput): Platform {
  let platform = platforms.get(input);
  if (platform === undefined) {
    platform = fingerprintPlatform(input.ports.map((o) => o.probe));
    platforms.set(input, platform);
  }
  return platform;
}
