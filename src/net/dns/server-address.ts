import { isIP } from 'node:net';
import { DnsLookupError } from './dns-lookup-error';

export interface ServerAddress {
  address: string;
  port: number;
  family: 4 | 6;
}

/**
 * `ADDR[:PORT]`: an IPv4 address with optional port, an IPv6 address bare or
 * in brackets with optional port (`[::1]:5353`), the forms dns.getServers() returns.
 */
export function parseServerAddress(text: string): ServerAddress {
  const raw = text.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(raw);
  const v4 = /^([0-9.]+)(?::(\d{1,5}))?$/.exec(raw);
  const [address, portText] = bracketed
    ? [bracketed[1], bracketed[2]]
    : v4
      ? [v4[1], v4[2]]
      : [raw, undefined];
  const family = isIP(address);
  const port = portText === undefined ? 53 : Number(portText);
  if ((family !== 4 && family !== 6) || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new DnsLookupError('DNS_BAD_SERVER', `not a name server address (ADDR[:PORT]): ${JSON.stringify(raw.slice(0, 60))}`);
  }
  return { address, port, family };
}

export function formatServerAddress(server: ServerAddress): string {
  const host = server.family === 6 ? `[${server.address}]` : server.address;
  return server.port === 53 ? host : `${host}:${server.port}`;
}
