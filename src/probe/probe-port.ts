import { connectTcp, resolveHost, sniName, stripBrackets } from './connect';
import { ProbeError, toProbeError } from './errors';
import { DEFAULT_LIMITS, DEFAULT_TIMEOUTS, type ProbeLimits, type ProbeTimeouts } from './limits';
import { hasCapability, isPositive, parseCapabilities } from './reply-parser';
import { SmtpConnection } from './smtp-connection';
import { isMaskedKeyword } from './masking';
import { collectPeer } from './peer-chain';
import { Transcript } from './transcript';
import type { EhloResult, PortProbeResult, ProbeStep } from './types';

export interface PortProbeOptions {
  /** Name sent in EHLO/HELO. */
  ehloName: string;
  /** Speak TLS from the first byte (port 465 style) instead of STARTTLS. */
  implicitTls: boolean;
  /** Send STARTTLS even when not advertised, to reveal a middlebox that hides it. */
  forceStartTls: boolean;
  /** SNI to send instead of the one derived from `host` (none for an IP literal): --servername. */
  servername?: string;
  /** Trust anchors in PEM; undefined means Node's default roots. */
  ca?: string[];
  timeouts: ProbeTimeouts;
  limits: ProbeLimits;
  /** Address to connect to, when the caller already resolved the host. */
  address?: string;
  signal?: AbortSignal;
}

export const DEFAULT_PORT_PROBE_OPTIONS: PortProbeOptions = {
  ehloName: 'starttls-probe.invalid',
  implicitTls: false,
  forceStartTls: false,
  timeouts: DEFAULT_TIMEOUTS,
  limits: DEFAULT_LIMITS,
};

/**
 * Probe one port: greeting, EHLO, STARTTLS, handshake, EHLO again, QUIT.
 * Never rejects: whatever goes wrong ends up in `error` with the step it happened at.
 */
export async function probePort(host: string, port: number, opts: Partial<PortProbeOptions> = {}): Promise<PortProbeResult> {
  const options = { ...DEFAULT_PORT_PROBE_OPTIONS, ...opts };
  const started = Date.now();
  const first = await runSession(new ProbeSession(host, port, options, started));
  if (!first.plainTextSuspected) return first.result(Date.now() - started);
  // Look again, keeping what the server sends where TLS is due, within the same deadline.
  const again = await runSession(new ProbeSession(host, port, options, started, { keepFirstBytes: true, note: first.lookAgainNote() }));
  if (again.hasPlainText) return again.result(Date.now() - started);
  first.noteLookedAgain(again);
  return first.result(Date.now() - started);
}

async function runSession(session: ProbeSession): Promise<ProbeSession> {
  try {
    await session.run();
  } catch (err) {
    session.fail(err);
  } finally {
    session.close();
  }
  return session;
}

interface SessionMode {
  /** Keep the first bytes the server sends where TLS is due (the second look). */
  keepFirstBytes: boolean;
  /** A first transcript line saying why this connection was made. */
  note?: string;
}

class ProbeSession {
  private readonly transcript: Transcript;
  private readonly deadline: number;
  private conn: SmtpConnection | null = null;
  private stepStart = 0;
  private currentStep: ProbeStep = 'resolve';
  private readonly out: Omit<PortProbeResult, 'totalMs' | 'transcript'>;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly options: PortProbeOptions,
    started: number,
    private readonly mode: SessionMode = { keepFirstBytes: false },
  ) {
    this.transcript = new Transcript(options.limits, started);
    if (mode.note) this.transcript.add('info', mode.note);
    this.deadline = started + options.timeouts.totalMs;
    this.out = {
      host,
      port,
      mode: options.implicitTls ? 'implicit-tls' : 'starttls',
      starttls: { advertised: false, attempted: false, succeeded: false },
      timings: {},
    };
  }

  async run(): Promise<void> {
    const address = await this.step('resolve', async () => this.options.address ?? (await resolveHost(this.host))[0]);
    this.out.address = address;
    this.transcript.add('info', `connecting to ${address} port ${this.port}`);
    const socket = await this.step('connect', () => connectTcp(address, this.port, this.timeLeft(this.options.timeouts.stepMs)));
    this.conn = new SmtpConnection(socket, this.options.limits, this.transcript);
    this.watchCancellation();
    if (this.options.implicitTls) await this.handshake();
    if (!(await this.greeting())) return;
    const ehlo = await this.ehlo('ehlo');
    if (!ehlo || !isPositive(ehlo.reply)) return;
    if (this.options.implicitTls) return this.quit();
    const caps = ehlo.capabilities;
    this.out.starttls.advertised = hasCapability(caps, 'STARTTLS');
    const masked = caps.some((c) => isMaskedKeyword(c.keyword));
    if (!this.out.starttls.advertised && !this.options.forceStartTls && !masked) return this.quit();
    if (!(await this.startTls())) return this.quit();
    await this.handshake();
    this.out.starttls.succeeded = true;
    await this.conn.settleTls();
    this.out.ehloAfterTls = await this.ehlo('ehlo-tls');
    await this.quit();
  }

  fail(err: unknown): void {
    const cancelled = this.options.signal?.aborted;
    const e = cancelled
      ? new ProbeError('PROBE_CANCELLED', this.currentStep, 'probe cancelled')
      : toProbeError(err, this.currentStep);
    this.out.error = e.toInfo();
    this.transcript.add('info', `${e.code} at ${e.step}: ${e.message}`);
  }

  close(): void {
    this.conn?.destroy();
    this.options.signal?.removeEventListener('abort', this.onAbort);
  }

  /** The handshake failed as plain text makes it fail, with no bytes kept to show it (and not because the probe was cancelled). */
  get plainTextSuspected(): boolean {
    return this.conn?.plainTextSuspected === true && !this.options.signal?.aborted;
  }

  get hasPlainText(): boolean {
    return this.conn?.plainTextInsteadOfTls !== undefined;
  }

  lookAgainNote(): string {
    return `the TLS handshake failed (${this.out.error?.message}) as it does when the server sends something other than TLS: connecting again, keeping what the server sends`;
  }

  /** The second look showed no plain text: this first outcome stands, and its transcript says so. */
  noteLookedAgain(again: ProbeSession): void {
    const seen = again.out.error ? `${again.out.error.code} at ${again.out.error.step}` : 'the handshake succeeded';
    this.transcript.add('info', `connected again, keeping what the server sends where TLS is due: no plain text (${seen})`);
  }

  result(totalMs: number): PortProbeResult {
    const plainText = this.conn?.plainTextInsteadOfTls;
    return { ...this.out, ...(plainText !== undefined ? { plainTextInsteadOfTls: plainText } : {}), totalMs, transcript: this.transcript.finish() };
  }

  private async greeting(): Promise<boolean> {
    const reply = await this.step('greeting', () => this.conn!.readReply('greeting', this.timeLeft(this.options.timeouts.greetingMs)));
    this.out.greeting = reply;
    this.out.greetingMs = this.out.timings.greeting;
    if (reply.code === 220) return true;
    // 554 servers wait for QUIT (RFC 5321 3.1); 421 servers close on their own.
    if (reply.code !== 421) await this.quit();
    return false;
  }

  private async ehlo(step: 'ehlo' | 'ehlo-tls'): Promise<EhloResult> {
    const result = await this.step(step, async (): Promise<EhloResult> => {
      const timeout = this.timeLeft(this.options.timeouts.stepMs);
      const reply = await this.conn!.command(`EHLO ${this.options.ehloName}`, step, timeout);
      if (isPositive(reply) || reply.code === 421 || reply.code < 500) {
        return { command: 'EHLO', reply, capabilities: isPositive(reply) ? parseCapabilities(reply) : [] };
      }
      // EHLO refused outright: an RFC 821 server; HELO has no capabilities.
      const helo = await this.conn!.command(`HELO ${this.options.ehloName}`, step, this.timeLeft(this.options.timeouts.stepMs));
      return { command: 'HELO', reply: helo, capabilities: [] };
    });
    if (step === 'ehlo') this.out.ehlo = result;
    return result;
  }

  private async startTls(): Promise<boolean> {
    this.out.starttls.attempted = true;
    const reply = await this.step('starttls', () =>
      this.conn!.command('STARTTLS', 'starttls', this.timeLeft(this.options.timeouts.stepMs)),
    );
    this.out.starttls.reply = reply;
    // Any 220 is "go ahead", whatever its text says.
    return reply.code === 220;
  }

  private async handshake(): Promise<void> {
    const secure = await this.step('tls-handshake', () =>
      this.conn!.upgradeToTls({
        host: stripBrackets(this.host),
        servername: this.options.servername ?? sniName(this.host),
        ca: this.options.ca,
        timeoutMs: this.timeLeft(this.options.timeouts.stepMs),
        keepFirstBytes: this.mode.keepFirstBytes,
      }),
    );
    this.out.starttls.protocol = secure.getProtocol() ?? undefined;
    this.out.starttls.cipher = secure.getCipher()?.name;
    this.out.peer = collectPeer(secure, this.conn!.verifiedChain);
    this.transcript.add('info', `TLS established: ${this.out.starttls.protocol} ${this.out.starttls.cipher}`);
  }

  private async quit(): Promise<void> {
    try {
      await this.step('quit', () => this.conn!.command('QUIT', 'quit', Math.min(2000, this.timeLeft(2000))));
    } catch {
      // A server that hangs up instead of answering QUIT has told us all we needed.
    }
  }

  private async step<T>(name: ProbeStep, fn: () => Promise<T>): Promise<T> {
    this.currentStep = name;
    this.stepStart = Date.now();
    try {
      return await fn();
    } finally {
      this.out.timings[name] = Date.now() - this.stepStart;
    }
  }

  private timeLeft(stepMs: number): number {
    const left = this.deadline - Date.now();
    if (left <= 0) throw new ProbeError('PROBE_TIMEOUT', this.currentStep, 'probe deadline reached');
    return Math.min(stepMs, left);
  }

  private readonly onAbort = () => this.conn?.destroy();

  private watchCancellation(): void {
    const signal = this.options.signal;
    if (!signal) return;
    if (signal.aborted) throw new ProbeError('PROBE_CANCELLED', this.currentStep, 'probe cancelled');
    signal.addEventListener('abort', this.onAbort, { once: true });
  }
}
