import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import * as tls from 'node:tls';
import { clientContext, versionContext } from './client-context';
import { ProbeError, toProbeError } from './errors';
import { FirstBytesTap, firstLine } from './first-bytes-tap';
import type { ProbeLimits } from './limits';
import { ReplyReader } from './reply-reader';
import type { Transcript } from './transcript';
import { INCOMPLETE_LINE, type ProbeErrorInfo, type ProbeStep, type SmtpReply } from './types';

export interface TlsUpgradeOptions {
  /** The name or IP literal connected to (Node's default SNI source; never a name check here). */
  host: string;
  servername?: string;
  ca?: string[];
  timeoutMs: number;
  /** Offer only this TLS version (the version scan); otherwise every version from TLS 1.0 up. */
  version?: tls.SecureVersion;
  /**
   * Run TLS over a JS stream that keeps the first bytes the server sends, to show plain text where
   * TLS is due. It costs about a fifth of a probe's CPU, so it is used only to look again once a
   * handshake without it failed the way such bytes make it fail (`plainTextSuspected`).
   */
  keepFirstBytes?: boolean;
}

/**
 * How the probe's TLS client connects: permissive negotiation, never refusing a certificate.
 * `onVerifiedChain` receives the detailed chain Node builds for the identity check, which it
 * does only when the chain verified.
 */
export function tlsClientOptions(
  options: Omit<TlsUpgradeOptions, 'timeoutMs' | 'keepFirstBytes'>,
  onVerifiedChain?: (chain: tls.DetailedPeerCertificate) => void,
): tls.ConnectionOptions {
  return {
    host: options.host,
    servername: options.servername,
    secureContext: options.version ? versionContext(options.version) : clientContext(options.ca),
    rejectUnauthorized: false,
    // `authorized` must speak of the chain alone: names are judged in src/certificate, against
    // --servername or the host, and never for an IP literal.
    checkServerIdentity: (_host, chain) => {
      onVerifiedChain?.(chain as tls.DetailedPeerCertificate);
      return undefined;
    },
  };
}

/**
 * How OpenSSL and the socket fail a handshake when the server sends something that is not TLS (or
 * hangs up): which of these is seen depends on how TCP delivered the bytes, not on the server.
 */
const NOT_TLS_FAILURES = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_UNKNOWN_PROTOCOL',
  'ERR_SSL_HTTP_REQUEST',
  'ERR_SSL_HTTPS_PROXY_REQUEST',
  'ERR_SSL_RECORD_LAYER_FAILURE',
  'ERR_SSL_UNEXPECTED_EOF_WHILE_READING',
  'ERR_SSL_BAD_PACKET_LENGTH',
  'ECONNRESET',
  'EPIPE',
]);

/** Slack for scheduling on either end, added to twice the round trip when waiting for a session ticket. */
const SETTLE_MARGIN_MS = 5;
/**
 * The most a ticket held by the server's Nagle costs an EHLO sent without waiting: our delayed ACK
 * (40 ms on Linux). Waiting for the ticket costs a round trip, so past this round trip it is not done.
 */
const NAGLE_STALL_MS = 40;

/**
 * One SMTP conversation over a socket that may be upgraded to TLS. Commands are
 * sent one at a time and each waits for its reply: no pipelining, ever.
 */
export class SmtpConnection {
  private reader: ReplyReader;
  private socket: Socket;
  private step: ProbeStep = 'greeting';
  private waiter: (() => void) | null = null;
  /** Why the connection can no longer be used; made into a ProbeError only when a step meets it (most sessions end with a close nobody reads). */
  private closed: ProbeErrorInfo | null = null;
  /** How long the last command took to be answered: this connection's round trip, server included. */
  private lastRoundTripMs: number | undefined;
  /** Reply lines received and not yet consumed as part of a reply (what came after the last reply). */
  private unread: string[] = [];
  /** The TCP socket under TLS, once the conversation was upgraded. */
  private plain: Socket | null = null;
  /** The code of the error that failed the TLS handshake (OpenSSL's or the socket's). */
  private handshakeFailure: string | undefined;
  /** What the server sent in plain text where a TLS handshake was due (first line), when the handshake failed. */
  plainTextInsteadOfTls: string | undefined;
  /** The handshake failed as non-TLS bytes make it fail, and no bytes were kept to tell. */
  plainTextSuspected = false;
  /** The served chain as Node built it for the identity check, when the chain verified. */
  verifiedChain: tls.DetailedPeerCertificate | undefined;

  constructor(
    socket: Socket,
    limits: ProbeLimits,
    private readonly transcript: Transcript,
  ) {
    this.reader = new ReplyReader(limits, (line) => {
      transcript.add('server', line);
      this.unread.push(line);
    });
    this.socket = socket;
    this.attach(socket);
  }

  get tlsSocket(): tls.TLSSocket | null {
    return this.socket instanceof tls.TLSSocket ? this.socket : null;
  }

  /** Wait for the next complete reply, at most timeoutMs. */
  async readReply(step: ProbeStep, timeoutMs: number): Promise<SmtpReply> {
    this.step = step;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const next = this.reader.take();
      if (next instanceof ProbeError) throw next;
      if (next) {
        this.unread.splice(0, next.lines.length);
        return next;
      }
      if (this.closed) throw this.closedAt(step);
      const left = deadline - Date.now();
      if (left <= 0) {
        const pending = this.reader.pendingText();
        if (pending.trim() !== '') this.transcript.add('info', `${INCOMPLETE_LINE}${pending}`);
        throw new ProbeError('PROBE_TIMEOUT', step, `no complete reply within ${timeoutMs} ms`);
      }
      await this.waitForData(left);
    }
  }

  send(command: string, step: ProbeStep): void {
    this.step = step;
    if (this.closed) throw this.closedAt(step);
    this.transcript.add('client', command);
    this.socket.write(`${command}\r\n`);
  }

  async command(command: string, step: ProbeStep, timeoutMs: number): Promise<SmtpReply> {
    const sent = performance.now();
    this.send(command, step);
    const reply = await this.readReply(step, timeoutMs);
    this.lastRoundTripMs = performance.now() - sent;
    return reply;
  }

  /** Start TLS over the current socket (after a 220 to STARTTLS, or at once for implicit TLS). */
  async upgradeToTls(options: TlsUpgradeOptions): Promise<tls.TLSSocket> {
    this.step = 'tls-handshake';
    const early = firstLine([...this.unread, this.reader.pendingText()].join('\n'));
    this.unread = [];
    if (this.reader.reset()) {
      // Bytes sent before the handshake could be injected commands (CVE-2011-0411 class); never act on them.
      this.transcript.add('info', 'discarded data the server sent before the TLS handshake');
    }
    const plain = this.socket;
    this.detach(plain);
    // The TLS socket reports failures of the transport below it; keep a stray one from crashing the process.
    plain.on('error', () => undefined);
    this.plain = plain;
    const tap = options.keepFirstBytes ? new FirstBytesTap(plain) : undefined;
    const secure = tls.connect({ socket: tap ?? plain, ...tlsClientOptions(options, (chain) => (this.verifiedChain = chain)) });
    this.socket = secure;
    this.attach(secure);
    try {
      await this.handshake(secure, options.timeoutMs);
    } catch (err) {
      // Plain text where TLS was due decides the outcome, whichever way OpenSSL or the socket failed.
      const text = early ?? tap?.plainText();
      if (text === undefined) {
        this.plainTextSuspected = !tap && this.handshakeFailure !== undefined && NOT_TLS_FAILURES.has(this.handshakeFailure);
        throw err;
      }
      this.plainTextInsteadOfTls = text;
      this.transcript.add('info', 'the server answered the TLS handshake in plain text');
      throw new ProbeError('PROBE_TLS_FAILED', 'tls-handshake', 'the server answered in plain text instead of a TLS handshake');
    }
    return secure;
  }

  /**
   * After a TLS 1.3 handshake, let a session ticket arrive before writing (see README: Postfix and Nagle).
   * A server sends its tickets when our Finished reaches it, so one comes about a round trip after the
   * handshake or not at all: the wait is bounded by the STARTTLS round trip, not by maxWaitMs alone,
   * so that a server that sends no ticket costs a few milliseconds rather than maxWaitMs; and past a
   * round trip of NAGLE_STALL_MS there is no wait at all.
   */
  async settleTls(maxWaitMs = 100): Promise<void> {
    const current = this.tlsSocket;
    if (!current || current.getProtocol() !== 'TLSv1.3') return;
    // Over a long path the wait (a round trip) costs more than the stall it avoids, and against a server
    // with TCP_NODELAY, most of them, it is a round trip lost for nothing.
    if (this.lastRoundTripMs !== undefined && this.lastRoundTripMs >= NAGLE_STALL_MS) return;
    const secure: tls.TLSSocket = current;
    const waitMs = Math.min(maxWaitMs, SETTLE_MARGIN_MS + 2 * (this.lastRoundTripMs ?? maxWaitMs));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, waitMs);
      secure.once('session', done);
      function done() {
        clearTimeout(timer);
        secure.off('session', done);
        // A write issued synchronously inside the 'session' handler can be lost on Node 20.
        setImmediate(resolve);
      }
    });
  }

  destroy(): void {
    this.socket.destroy();
    this.plain?.destroy();
  }

  private handshake(secure: tls.TLSSocket, timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new ProbeError('PROBE_TIMEOUT', 'tls-handshake', `TLS handshake did not finish within ${timeoutMs} ms`));
      }, timeoutMs);
      const onSecure = () => {
        cleanup();
        resolve();
      };
      const onError = (err: Error) => {
        cleanup();
        this.handshakeFailure = (err as NodeJS.ErrnoException).code;
        reject(toProbeError(err, 'tls-handshake'));
      };
      const onClose = () => onError(Object.assign(new Error('the server closed the connection during the TLS handshake'), { code: 'ECONNRESET' }));
      const cleanup = () => {
        clearTimeout(timer);
        secure.off('secureConnect', onSecure);
        secure.off('error', onError);
        secure.off('close', onClose);
      };
      secure.once('secureConnect', onSecure);
      secure.once('error', onError);
      secure.once('close', onClose);
    });
  }

  private waitForData(timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(wake, timeoutMs);
      // eslint-disable-next-line @typescript-eslint/no-this-alias -- wake is a hoisted function (setTimeout names it first)
      const self = this;
      this.waiter = wake;
      function wake() {
        clearTimeout(timer);
        if (self.waiter === wake) self.waiter = null;
        resolve();
      }
    });
  }

  private wake(): void {
    this.waiter?.();
  }

  private readonly onData = (chunk: Buffer) => {
    if (!this.reader.push(chunk, this.step)) this.socket.destroy();
    this.wake();
  };

  private readonly onError = (err: Error) => {
    this.closed ??= toProbeError(err, this.step).toInfo();
    this.wake();
  };

  private readonly onClose = () => {
    this.closed ??= { code: 'PROBE_CONNECTION_CLOSED', step: this.step, message: 'server closed the connection' };
    this.wake();
  };

  private attach(socket: Socket): void {
    socket.on('data', this.onData);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
  }

  private detach(socket: Socket): void {
    socket.off('data', this.onData);
    socket.off('error', this.onError);
    socket.off('close', this.onClose);
  }

  private closedAt(step: ProbeStep): ProbeError {
    return new ProbeError(this.closed!.code, step, this.closed!.message);
  }
}
