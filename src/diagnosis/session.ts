import type { EhloResult, PortProbeResult, ProbeErrorInfo, SmtpReply } from '../probe/types';

/** Why a port could not be assessed (smtp-not-testable). */
export type NotTestableReason =
  | 'greeting-421'
  | 'greeting-temporary'
  | 'greeting-timeout'
  | 'greeting-closed'
  | 'ehlo-421'
  | 'ehlo-temporary'
  | 'ehlo-timeout'
  | 'cancelled';

/** Why the SMTP dialogue broke down (smtp-protocol-error). */
export type ProtocolErrorReason =
  | 'greeting-unparseable'
  | 'greeting-unexpected'
  | 'greeting-missing'
  | 'ehlo-unparseable'
  | 'ehlo-closed'
  | 'ehlo-missing'
  | 'ehlo-refused'
  | 'ehlo-and-helo-refused';

/**
 * How far the SMTP dialogue of one port got, up to the EHLO answer. Exactly one outcome per
 * port, so the connection-level findings exclude each other and the STARTTLS rules only look
 * at ports whose server really answered EHLO.
 */
export type SessionOutcome =
  | { kind: 'unreachable'; error: ProbeErrorInfo }
  /** Implicit TLS: the handshake failed before any greeting (tls-handshake-failed judges it). */
  | { kind: 'tls-failed-first'; error: ProbeErrorInfo }
  | { kind: 'greeting-rejected'; reply: SmtpReply }
  | { kind: 'not-testable'; reason: NotTestableReason; reply?: SmtpReply; error?: ProbeErrorInfo }
  | { kind: 'protocol-error'; reason: ProtocolErrorReason; reply?: SmtpReply; error?: ProbeErrorInfo }
  | { kind: 'answered'; ehlo: EhloResult };

const isClass = (code: number, cls: number) => Math.floor(code / 100) === cls;

function withoutGreeting(error: ProbeErrorInfo | undefined): SessionOutcome {
  if (!error) return { kind: 'protocol-error', reason: 'greeting-missing' };
  switch (error.code) {
    case 'PROBE_TIMEOUT':
      return { kind: 'not-testable', reason: 'greeting-timeout', error };
    case 'PROBE_CONNECTION_CLOSED':
      return { kind: 'not-testable', reason: 'greeting-closed', error };
    case 'PROBE_CANCELLED':
      return { kind: 'not-testable', reason: 'cancelled', error };
    default:
      return { kind: 'protocol-error', reason: 'greeting-unparseable', error };
  }
}

function withoutEhlo(error: ProbeErrorInfo | undefined): SessionOutcome {
  if (!error) return { kind: 'protocol-error', reason: 'ehlo-missing' };
  switch (error.code) {
    case 'PROBE_TIMEOUT':
      return { kind: 'not-testable', reason: 'ehlo-timeout', error };
    case 'PROBE_CANCELLED':
      return { kind: 'not-testable', reason: 'cancelled', error };
    case 'PROBE_CONNECTION_CLOSED':
      return { kind: 'protocol-error', reason: 'ehlo-closed', error };
    default:
      return { kind: 'protocol-error', reason: 'ehlo-unparseable', error };
  }
}

export function classifySession(probe: PortProbeResult): SessionOutcome {
  const error = probe.error;
  if (error && (error.step === 'resolve' || error.step === 'connect' || error.code === 'PROBE_DNS_FAILURE')) {
    if (error.code === 'PROBE_CANCELLED') return { kind: 'not-testable', reason: 'cancelled', error };
    return { kind: 'unreachable', error };
  }
  if (!probe.greeting && error?.step === 'tls-handshake' && probe.mode === 'implicit-tls') {
    if (error.code === 'PROBE_CANCELLED') return { kind: 'not-testable', reason: 'cancelled', error };
    return { kind: 'tls-failed-first', error };
  }

  const greeting = probe.greeting;
  if (!greeting) return withoutGreeting(error);
  if (greeting.code === 421) return { kind: 'not-testable', reason: 'greeting-421', reply: greeting };
  if (isClass(greeting.code, 5)) return { kind: 'greeting-rejected', reply: greeting };
  if (isClass(greeting.code, 4)) return { kind: 'not-testable', reason: 'greeting-temporary', reply: greeting };
  if (!isClass(greeting.code, 2)) return { kind: 'protocol-error', reason: 'greeting-unexpected', reply: greeting };

  const ehlo = probe.ehlo;
  if (!ehlo) return withoutEhlo(error);
  if (ehlo.reply.code === 421) return { kind: 'not-testable', reason: 'ehlo-421', reply: ehlo.reply };
  if (isClass(ehlo.reply.code, 2)) return { kind: 'answered', ehlo };
  if (isClass(ehlo.reply.code, 4)) return { kind: 'not-testable', reason: 'ehlo-temporary', reply: ehlo.reply };
  if (ehlo.command === 'HELO') return { kind: 'protocol-error', reason: 'ehlo-and-helo-refused', reply: ehlo.reply };
  return { kind: 'protocol-error', reason: 'ehlo-refused', reply: ehlo.reply };
}

/** The probe observations of ports whose server answered EHLO (or HELO) with 2xx. */
export function answeredPorts(probes: readonly PortProbeResult[]): PortProbeResult[] {
  return probes.filter((p) => classifySession(p).kind === 'answered');
}
