import type { Platform, Remediation } from '../../fix-commands/types';
import { formatPorts } from '../text';
import { asa } from '../../fix-commands/command';
import type { TargetContext } from '../../fix-commands/target-context';
import { opensslCheck } from '../../fix-commands/openssl';
import { selectRemediation } from '../../fix-commands/select';

/** Remediation catalog for starttls-stripped. */

export interface StrippedContext extends TargetContext {
  platform: Platform;
}

function ciscoAsa(ctx: StrippedContext): Remediation {
  return {
    platform: 'cisco-asa',
    steps: [
      `A Cisco ASA (or PIX/FWSM) with ESMTP inspection sits in front of ${formatPorts(ctx.ports)}: it masks the banner with asterisks, replaces STARTTLS in the EHLO answer with X's (XXXXXXXA) and turns a client's STARTTLS into X's, which the mail server answers with 500 or 502.`,
      'Allow TLS in the ESMTP inspection policy map (the ASA then passes STARTTLS and stops inspecting the encrypted session), as below. Alternatively remove ESMTP inspection altogether: no inspect esmtp under class inspection_default of policy-map global_policy.',
      'Save the configuration and probe again: the banner and the STARTTLS keyword should appear unchanged.',
    ],
    commands: [
      asa('show service-policy inspect esmtp'),
      asa('configure terminal'),
      asa('policy-map type inspect esmtp <map>', 'config'),
      asa('parameters', 'config-pmap'),
      asa('allow-tls', 'config-pmap-p'),
      asa('exit', 'config-pmap-p'),
      asa('exit', 'config-pmap'),
      asa('policy-map global_policy', 'config'),
      asa('class inspection_default', 'config-pmap'),
      asa('inspect esmtp <map>', 'config-pmap-c'),
      asa('end', 'config-pmap-c'),
      asa('write memory'),
    ],
  };
}

function any(ctx: StrippedContext): Remediation {
  return {
    platform: 'any',
    steps: [
      `Something between this probe and the mail server rewrites the SMTP dialogue on ${formatPorts(ctx.ports)} and removes STARTTLS; the server itself may be configured correctly.`,
      'Other SMTP-aware firewalls and proxies do the same: FortiGate (SMTP deep inspection: use certificate inspection or exempt the mail server), WatchGuard SMTP proxy (disabling ESMTP there disables STARTTLS), Check Point MTA, Sophos and F-Secure Internet Gatekeeper. A proxy that terminates TLS shows its own certificate, not the server\'s.',
      'Some ISPs strip STARTTLS on residential or small-business lines: probe from another network, and from inside next to the server, to find the hop that removes it.',
    ],
    commands: [opensslCheck(ctx)],
  };
}

export function strippedRemediation(ctx: StrippedContext): Remediation[] {
  return selectRemediation(ctx.platform, { 'cisco-asa': () => ciscoAsa(ctx) }, any(ctx));
}
