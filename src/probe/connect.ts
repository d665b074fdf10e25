import * as net from 'node:net';
import { lookup } from 'node:dns/promises';
import { ProbeError, toProbeError } from './errors';

/** The addresses a host name resolves to, in the resolver's order; literals pass through. */
export async function resolveHost(host: string): Promise<string[]> {
  const bare = stripBrackets(host);
  if (net.isIP(bare)) return [bare];
  try {
    const found = await lookup(bare, { all: true, verbatim: true });
    if (found.length === 0) throw new ProbeError('PROBE_DNS_FAILURE', 'resolve', `${host} has no address`);
    return found.map((a) => a.address);
  } catch (err) {
    const e = toProbeError(err, 'resolve');
    throw new ProbeError('PROBE_DNS_FAILURE', 'resolve', e.message);
  }
}

/** Open a TCP connection, failing with a classified ProbeError. */
export function connectTcp(address: string, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    // Nagle off from the start: the probe writes one short command and waits for its answer.
    const socket = net.connect({ host: address, port, noDelay: true });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ProbeError('PROBE_TIMEOUT', 'connect', `no TCP connection to ${address} port ${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      socket.destroy();
      reject(toProbeError(err, 'connect'));
    });
  });
}

export function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** SNI carries a DNS name without its trailing dot, and nothing for an IP literal (RFC 6066 section 3). */
export function sniName(host: string): string | undefined {
  const bare = stripBrackets(host);
  if (net.isIP(bare)) return undefined;
  return bare.replace(/\.$/, '');
}
