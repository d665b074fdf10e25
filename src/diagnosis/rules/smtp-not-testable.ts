import { INCOMPLETE_LINE, type PortProbeResult } from '../../probe/types';
import { platformOf } from '../fingerprint';
import { notTestableRemediation, plainSmtpProbeRemediation } from '../remediation/connectivity';
import { IMPLICIT_TLS_BY_CONVENTION, plainSmtpOnTlsProbe } from './tls-handshake-failed';
import { classifySession, type NotTestableReason, type SessionOutcome } from '../session';
import { formatReply, serverText } from '../text';
import type { DiagnosisInput, Finding } from '../types';

const NOT_A_TLS_FAILURE = 'this is not a STARTTLS failure: nothing about TLS could be observed';

function seconds(ms: number | undefined): string {
  return ms !== undefined ? ` within ${Math.round(ms / 100) / 10} s` : '';
}

function describe(probe: PortProbeResult, reason: NotTestableReason, outcome: SessionOutcome): { title: string; line: string } {
  const port = probe.port;
  const reply = 'reply' in outcome && outcome.reply ? formatReply(outcome.reply) : '';
  const error = 'error' in outcome && outcome.error ? serverText(outcome.error.message) : '';
  const head = `Port ${port} could not be assessed`;
  switch (reason) {
    case 'greeting-421':
      return { title: `${head}: the server answered 421 (service not available)`, line: `port ${port}: greeting ${reply}` };
    case 'greeting-temporary':
      return { title: `${head}: the server deferred the session at the greeting`, line: `port ${port}: greeting ${reply}` };
    case 'greeting-timeout': {
      const begun = greetingBegun(probe);
      if (begun !== undefined) {
        return {
          title: `${head}: the greeting began but never completed`,
          line: `port ${port}: connected; the greeting began (${serverText(begun)}) but did not complete${seconds(probe.timings.greeting)} (tarpit or a stalling server): ${error}`,
        };
      }
      return {
        title: `${head}: the connection was accepted but no greeting came`,
        line: `port ${port}: connected, then no greeting arrived${seconds(probe.timings.greeting)} (tarpit, greeting delay or overloaded server): ${error}`,
      };
    }
    case 'greeting-closed':
      return {
        title: `${head}: the server closed the connection before its greeting`,
        line: `port ${port}: connected, then the connection was closed or reset before any greeting: ${error}`,
      };
    case 'ehlo-421':
      return { title: `${head}: the server answered EHLO with 421`, line: `port ${port}: EHLO answered ${reply}` };
    case 'ehlo-temporary':
      return { title: `${head}: the server deferred EHLO`, line: `port ${port}: EHLO answered ${reply}` };
    case 'ehlo-timeout':
      return { title: `${head}: EHLO got no answer`, line: `port ${port}: EHLO got no answer${seconds(probe.timings.ehlo)}: ${error}` };
    case 'cancelled':
      return { title: `${head}: the probe was cancelled`, line: `port ${port}: the probe was cancelled at step ${probe.error?.step ?? 'unknown'}` };
  }
}

/** The first part of a greeting that never completed (a line of a multi-line 220, or a line without its end), if any arrived. */
function greetingBegun(probe: PortProbeResult): string | undefined {
  const first = probe.transcript.find((t) => t.dir === 'server' || (t.dir === 'info' && t.text.startsWith(INCOMPLETE_LINE)));
  if (!first) return undefined;
  return first.dir === 'server' ? first.text : first.text.slice(INCOMPLETE_LINE.length);
}

/** A STARTTLS probe of the implicit-TLS port that got no greeting: the server may be waiting for a TLS handshake. */
function mirrorHint(probe: PortProbeResult): string[] {
  const waiting = probe.mode === 'starttls' && IMPLICIT_TLS_BY_CONVENTION.includes(probe.port) && probe.error?.step === 'greeting' && probe.error.code === 'PROBE_TIMEOUT';
  return waiting ? [`port ${probe.port}: port ${probe.port} usually speaks implicit TLS, where the server waits for a TLS handshake and never greets in plain text: probe it with --tls (smtps://)`] : [];
}

/**
 * smtp-not-testable (warning; the report should read it as "unknown"): the server deferred
 * (421 or other 4xx), stalled (no greeting, no EHLO answer) or closed the session before
 * anything about TLS could be observed, or the probe was cancelled before STARTTLS was
 * judged. Never a statement about STARTTLS.
 */
export function smtpNotTestable(input: DiagnosisInput): Finding[] {
  const findings: Finding[] = [];
  for (const { probe } of input.ports) {
    const outcome = classifySession(probe);
    let described: { title: string; line: string } | undefined;
    if (outcome.kind === 'not-testable') {
      described = describe(probe, outcome.reason, outcome);
    } else if (outcome.kind === 'tls-failed-first' && plainSmtpOnTlsProbe(probe)) {
      described = {
        title: `Port ${probe.port} speaks plain SMTP (STARTTLS), not implicit TLS: probe it without --tls`,
        line: `port ${probe.port}: the implicit TLS handshake got plain text instead of TLS: ${serverText(probe.plainTextInsteadOfTls ?? '')}`,
      };
    } else if (
      outcome.kind === 'answered' &&
      probe.error?.code === 'PROBE_CANCELLED' &&
      (probe.error.step === 'starttls' || probe.error.step === 'tls-handshake')
    ) {
      described = {
        title: `STARTTLS on port ${probe.port} could not be assessed: the probe was cancelled`,
        line: `port ${probe.port}: the probe was cancelled at step ${probe.error.step}`,
      };
    }
    if (!described) continue;
    const ports = [probe.port];
    findings.push({
      id: 'smtp-not-testable',
      severity: 'warning',
      ports,
      title: described.title,
      evidence: [described.line, ...mirrorHint(probe), `port ${probe.port}: ${NOT_A_TLS_FAILURE}`],
      remediation: plainSmtpOnTlsProbe(probe)
        ? plainSmtpProbeRemediation({ host: input.host, ports, mode: probe.mode, platform: platformOf(input) })
        : notTestableRemediation({ host: input.host, ports, mode: probe.mode, platform: platformOf(input) }),
    });
  }
  return findings;
}
