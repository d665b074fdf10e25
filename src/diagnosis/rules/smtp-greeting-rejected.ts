import { platformOf } from '../fingerprint';
import { greetingRejectedRemediation } from '../remediation/connectivity';
import { classifySession } from '../session';
import { formatReply } from '../text';
import type { DiagnosisInput, Finding } from '../types';

/**
 * smtp-greeting-rejected (critical): the greeting is 554 or another 5xx, i.e. the server
 * refuses this client. 421 is smtp-not-testable instead.
 */
export function smtpGreetingRejected(input: DiagnosisInput): Finding[] {
  const findings: Finding[] = [];
  for (const { probe } of input.ports) {
    const outcome = classifySession(probe);
    if (outcome.kind !== 'greeting-rejected') continue;
    const reply = formatReply(outcome.reply);
    const ports = [probe.port];
    findings.push({
      id: 'smtp-greeting-rejected',
      severity: 'critical',
      ports,
      title: `Port ${probe.port} refuses this probe in its greeting (${outcome.reply.code})`,
      evidence: [`port ${probe.port}: greeting ${reply}`, `port ${probe.port}: STARTTLS could not be tested because the server ends the session at the greeting`],
      remediation: greetingRejectedRemediation({
        host: input.host,
        ports,
        mode: probe.mode,
        platform: platformOf(input),
        reply,
      }),
    });
  }
  return findings;
}
