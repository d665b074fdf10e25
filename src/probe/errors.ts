import { StarttlsError } from '../starttls-error';
import { PROBE_ERROR_CODES, type ProbeErrorCode, type ProbeErrorInfo, type ProbeStep } from './types';

/** An error raised inside a probe, with a stable code and the step it happened at; one line a person can read. */
export class ProbeError extends StarttlsError {
  static override readonly codes = PROBE_ERROR_CODES;
  readonly code: ProbeErrorCode;
  readonly step: ProbeStep;
  readonly userVisible = true;

  constructor(code: ProbeErrorCode, step: ProbeStep, message: string) {
    super(message);
    this.code = code;
    this.step = step;
  }

  toInfo(): ProbeErrorInfo {
    return { code: this.code, step: this.step, message: this.message };
  }
}

const SOCKET_ERROR_CODES: Record<string, ProbeErrorCode> = {
  ECONNREFUSED: 'PROBE_CONNECT_REFUSED',
  EHOSTUNREACH: 'PROBE_UNREACHABLE',
  ENETUNREACH: 'PROBE_UNREACHABLE',
  EADDRNOTAVAIL: 'PROBE_UNREACHABLE',
  EAI_AGAIN: 'PROBE_DNS_FAILURE',
  ENOTFOUND: 'PROBE_DNS_FAILURE',
  ENODATA: 'PROBE_DNS_FAILURE',
  ETIMEDOUT: 'PROBE_TIMEOUT',
  ECONNRESET: 'PROBE_CONNECTION_CLOSED',
  EPIPE: 'PROBE_CONNECTION_CLOSED',
};

/** Turn whatever a socket, resolver or TLS layer threw into a ProbeError. */
export function toProbeError(err: unknown, step: ProbeStep): ProbeError {
  if (err instanceof ProbeError) return err;
  const e = err as NodeJS.ErrnoException | undefined;
  const sysCode = e?.code ?? '';
  const message = describe(e, sysCode, step);
  if (step === 'tls-handshake') return new ProbeError('PROBE_TLS_FAILED', step, message);
  const code = SOCKET_ERROR_CODES[sysCode] ?? 'PROBE_PROTOCOL_ERROR';
  return new ProbeError(code, step, message);
}

const CLOSED_IN_HANDSHAKE = 'the server closed the connection during the TLS handshake';
/** OpenSSL's long form: "<thread>:error:<code>:<library>:<function>:<reason>:<file>:<line>:". */
const OPENSSL_LONG = /:error:[0-9A-F]+:[^:]*:[^:]*:([^:]+):/;

/**
 * A one-line message a person can read: OpenSSL's reason and code instead of its long form
 * (thread id, source file and line, trailing newline), and one wording for a connection closed
 * during the handshake however Node noticed it, so the same server gives the same message.
 */
function describe(e: NodeJS.ErrnoException | undefined, sysCode: string, step: ProbeStep): string {
  const text = (e?.message ?? String(e)).trim();
  if (step === 'tls-handshake' && (sysCode === 'ECONNRESET' || sysCode === 'EPIPE')) return CLOSED_IN_HANDSHAKE;
  const reason = (e as { reason?: unknown } | undefined)?.reason;
  const openssl = typeof reason === 'string' ? reason : OPENSSL_LONG.exec(text)?.[1];
  if (openssl) return sysCode ? `${openssl} (${sysCode})` : openssl;
  return sysCode && !text.includes(sysCode) ? `${sysCode}: ${text}` : text;
}
