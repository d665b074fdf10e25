import type * as tls from 'node:tls';
import { connectTcp, sniName, stripBrackets } from './connect';
import { ProbeError, toProbeError } from './errors';
import type { ProbeLimits } from './limits';
import { isPositive } from './reply-parser';
import { SmtpConnection } from './smtp-connection';
import { Transcript } from './transcript';
import type { TlsVersionName, TlsVersionResult } from './types';

/** The versions tried, oldest first: what senders still speak. SSL 3.0 is not: Node's OpenSSL cannot. */
export const TLS_VERSIONS: readonly TlsVersionName[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

export interface TlsVersionScanOptions {
  /** Address to connect to (already resolved and approved). */
  address: string;
  implicitTls: boolean;
  ehloName: string;
  /** SNI to send instead of the one derived from the host (--servername). */
  servername?: string;
  /** Deadline for each version's whole attempt. */
  timeoutMs: number;
  limits: ProbeLimits;
  signal?: AbortSignal;
  /**
   * The version (and cipher) the port's probe already negotiated while offering every version: it is
   * accepted, so it is recorded without a connection of its own.
   */
  negotiated?: { version: string; cipher?: string };
}

/**
 * Which TLS versions a port accepts: one short connection per version, one after the other, each
 * offering only that version (after STARTTLS on a STARTTLS port, from the first byte for implicit
 * TLS), except the one the probe already negotiated. Never rejects: a version that could not be
 * tried says why.
 */
export async function scanTlsVersions(host: string, port: number, options: TlsVersionScanOptions): Promise<TlsVersionResult[]> {
  const results: TlsVersionResult[] = [];
  for (const version of TLS_VERSIONS) {
    if (options.negotiated?.version === version) {
      const cipher = options.negotiated.cipher;
      results.push({ version, status: 'accepted', ...(cipher ? { cipher } : {}) });
      continue;
    }
    if (options.signal?.aborted) {
      results.push({ version, status: 'not-tested', detail: 'probe cancelled' });
      continue;
    }
    results.push(await tryVersion(host, port, version, options));
  }
  return results;
}

async function tryVersion(host: string, port: number, version: TlsVersionName, options: TlsVersionScanOptions): Promise<TlsVersionResult> {
  const deadline = Date.now() + options.timeoutMs;
  const left = () => {
    const ms = deadline - Date.now();
    if (ms <= 0) throw new ProbeError('PROBE_TIMEOUT', 'tls-handshake', `no answer within ${options.timeoutMs} ms`);
    return ms;
  };
  let conn: SmtpConnection | undefined;
  const onAbort = () => conn?.destroy();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const socket = await connectTcp(options.address, port, left());
    conn = new SmtpConnection(socket, options.limits, new Transcript(options.limits, Date.now()));
    if (!options.implicitTls) {
      const ready = await startTls(conn, options.ehloName, left);
      if (ready !== true) return { version, status: 'not-tested', detail: ready };
    }
    let secure: tls.TLSSocket;
    try {
      secure = await conn.upgradeToTls({ host: stripBrackets(host), servername: options.servername ?? sniName(host), timeoutMs: left(), version });
    } catch (err) {
      const e = toProbeError(err, 'tls-handshake');
      // A timeout says nothing about the version; a refused handshake does.
      return e.code === 'PROBE_TIMEOUT' ? { version, status: 'not-tested', detail: e.message } : { version, status: 'refused', detail: e.message };
    }
    const cipher = secure.getCipher()?.name;
    await quietly(() => conn!.command('QUIT', 'quit', Math.min(1000, left())));
    return { version, status: 'accepted', ...(cipher ? { cipher } : {}) };
  } catch (err) {
    return { version, status: 'not-tested', detail: toProbeError(err, 'connect').message };
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    conn?.destroy();
  }
}

/** Greeting, EHLO, STARTTLS (sent as the main probe did, advertised or not): true on 220, else why not. */
async function startTls(conn: SmtpConnection, ehloName: string, left: () => number): Promise<true | string> {
  const greeting = await conn.readReply('greeting', left());
  if (greeting.code !== 220) return `greeting ${greeting.code}`;
  const ehlo = await conn.command(`EHLO ${ehloName}`, 'ehlo', left());
  if (!isPositive(ehlo)) return `EHLO answered ${ehlo.code}`;
  const reply = await conn.command('STARTTLS', 'starttls', left());
  return reply.code === 220 ? true : `STARTTLS answered ${reply.code}`;
}

async function quietly(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch {
    // The version is known; how the server ends the session does not matter.
  }
}
