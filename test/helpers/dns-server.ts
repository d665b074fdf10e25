import dgram from 'node:dgram';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import dnsPacket from 'dns-packet';

export type ZoneRecord = dnsPacket.Answer;

export interface ZoneOptions {
  records: ZoneRecord[];
  /** Names (lower case) whose answers carry the AD bit. */
  authenticated?: string[];
  /** Names answered with SERVFAIL. */
  servfail?: string[];
  /** Names never answered (the client times out). */
  silent?: string[];
  /** Names whose UDP answer is truncated, so the client must retry over TCP. */
  truncate?: string[];
}

export interface TestDnsServer {
  /** `127.0.0.1:PORT`, for DnsClient servers and --dns-server. */
  address: string;
  port: number;
  /** Every question received: `TYPE name/udp` or `TYPE name/tcp`. */
  queries: string[];
  close(): Promise<void>;
}

/**
 * An authoritative-looking test name server on 127.0.0.1 (UDP and TCP on the
 * same port) built from dns-packet: answers from the zone, NXDOMAIN for names
 * it has no record of, NODATA for known names without the asked type.
 */
export async function startDnsServer(zone: ZoneOptions): Promise<TestDnsServer> {
  // The UDP port the system picks may already be taken for TCP by another test: pick again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDnsServerOnce(zone);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 10) throw err;
    }
  }
}

async function startDnsServerOnce(zone: ZoneOptions): Promise<TestDnsServer> {
  const queries: string[] = [];
  const udp = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', () => resolve()));
  const port = (udp.address() as AddressInfo).port;

  const answer = (raw: Buffer, transport: 'udp' | 'tcp'): Buffer | undefined => {
    const query = dnsPacket.decode(raw);
    const question = query.questions?.[0];
    if (!question) return undefined;
    const name = question.name.toLowerCase();
    queries.push(`${question.type} ${name}/${transport}`);
    if (zone.silent?.includes(name)) return undefined;
    // Like a recursive resolver, follow CNAMEs inside the zone and answer with the whole chain.
    const records: ZoneRecord[] = [];
    for (let owner = name, hops = 0; hops < 8; hops++) {
      const here = zone.records.filter((r) => r.name.toLowerCase() === owner && (r.type === question.type || r.type === 'CNAME'));
      records.push(...here);
      const cname = here.find((r) => r.type === 'CNAME');
      if (!cname || question.type === 'CNAME') break;
      owner = String((cname as { data: unknown }).data).toLowerCase();
    }
    const known = zone.records.some((r) => r.name.toLowerCase() === name);
    const truncated = transport === 'udp' && zone.truncate?.includes(name);
    let flags = dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE;
    if (zone.authenticated?.includes(name)) flags |= dnsPacket.AUTHENTIC_DATA;
    if (truncated) flags |= dnsPacket.TRUNCATED_RESPONSE;
    const rcode = zone.servfail?.includes(name) ? 2 : known ? 0 : 3;
    return dnsPacket.encode({
      type: 'response',
      id: query.id,
      flags: flags | rcode,
      questions: [question],
      answers: rcode === 0 && !truncated ? records.map((r) => ({ ttl: 60, ...r }) as ZoneRecord) : [],
    });
  };

  udp.on('message', (message, from) => {
    const reply = answer(message, 'udp');
    if (reply) udp.send(reply, from.port, from.address);
  });

  const sockets = new Set<net.Socket>();
  const tcp = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (buffer.length < 2 || buffer.length < buffer.readUInt16BE(0) + 2) return;
      const reply = answer(buffer.subarray(2, buffer.readUInt16BE(0) + 2), 'tcp');
      if (!reply) return;
      const length = Buffer.alloc(2);
      length.writeUInt16BE(reply.length);
      socket.end(Buffer.concat([length, reply]));
    });
  });
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', (err) => {
      udp.close();
      reject(err);
    });
    tcp.listen(port, '127.0.0.1', () => resolve());
  });

  return {
    address: `127.0.0.1:${port}`,
    port,
    queries,
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        new Promise<void>((resolve) => tcp.close(() => resolve())),
      ]);
    },
  };
}

export const mx = (name: string, preference: number, exchange: string): ZoneRecord => ({ type: 'MX', name, data: { preference, exchange } });
export const txt = (name: string, ...strings: string[]): ZoneRecord => ({ type: 'TXT', name, data: strings });
export const a = (name: string, address = '127.0.0.1'): ZoneRecord => ({ type: 'A', name, data: address });
export const tlsa = (name: string, usage: number, selector: number, matchingType: number, hex: string): ZoneRecord => ({
  type: 'TLSA',
  name,
  data: { usage, selector, matchingType, certificate: Buffer.from(hex, 'hex') },
});
