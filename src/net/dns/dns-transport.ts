import dgram from 'node:dgram';
import net from 'node:net';
import { DnsLookupError } from './dns-lookup-error';
import { formatServerAddress, type ServerAddress } from './server-address';

/**
 * One query over UDP: resolves with the first datagram from the server's
 * address and port that carries the query's id. Anything else is ignored.
 */
export function udpExchange(server: ServerAddress, query: Buffer, timeoutMs: number): Promise<Buffer> {
  const id = query.readUInt16BE(0);
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket(server.family === 6 ? 'udp6' : 'udp4');
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.close();
      outcome();
    };
    const timer = setTimeout(
      () => finish(() => reject(new DnsLookupError('DNS_TIMEOUT', `no answer from ${formatServerAddress(server)} within ${timeoutMs} ms`))),
      timeoutMs,
    );
    socket.on('message', (message, from) => {
      if (from.port !== server.port || from.address !== server.address) return;
      if (message.length < 12 || message.readUInt16BE(0) !== id) return;
      finish(() => resolve(message));
    });
    socket.on('error', (err) => finish(() => reject(networkError(server, err))));
    socket.send(query, server.port, server.address, (err) => {
      if (err) finish(() => reject(networkError(server, err)));
    });
  });
}

/** One query over TCP (RFC 1035 section 4.2.2: two-byte length prefix), used when the UDP answer was truncated. */
export function tcpExchange(server: ServerAddress, query: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: server.address, port: server.port });
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      outcome();
    };
    const timer = setTimeout(
      () => finish(() => reject(new DnsLookupError('DNS_TIMEOUT', `no TCP answer from ${formatServerAddress(server)} within ${timeoutMs} ms`))),
      timeoutMs,
    );
    socket.on('connect', () => {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(query.length);
      socket.write(Buffer.concat([length, query]));
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (received < 2) return;
      const all = Buffer.concat(chunks);
      const expected = all.readUInt16BE(0);
      if (received >= expected + 2) finish(() => resolve(all.subarray(2, expected + 2)));
    });
    socket.on('error', (err) => finish(() => reject(networkError(server, err))));
    socket.on('close', () =>
      finish(() => reject(new DnsLookupError('DNS_NETWORK', `${formatServerAddress(server)} closed the TCP connection before answering`))),
    );
  });
}

function networkError(server: ServerAddress, err: Error): DnsLookupError {
  const code = (err as NodeJS.ErrnoException).code ?? err.message;
  return new DnsLookupError('DNS_NETWORK', `cannot reach name server ${formatServerAddress(server)}: ${code}`);
}
