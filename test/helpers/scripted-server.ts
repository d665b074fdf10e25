import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ScriptedServer {
  port: number;
  /** Everything every client sent, as text. */
  received: string[];
  close(): Promise<void>;
}

/**
 * A raw TCP server whose behaviour the test writes by hand: for hostile,
 * broken and masked servers that no SMTP library would imitate.
 */
export async function startScriptedServer(onConnection: (socket: net.Socket, received: string[]) => void): Promise<ScriptedServer> {
  const sockets = new Set<net.Socket>();
  const received: string[] = [];
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.on('data', (d) => received.push(d.toString('latin1')));
    onConnection(socket, received);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Answer each complete command line with what `reply` returns (undefined: stay silent). */
export function onLines(socket: net.Socket, reply: (line: string) => string | undefined): void {
  let buffer = '';
  socket.on('data', (chunk) => {
    buffer += chunk.toString('latin1');
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).replace(/\r$/, '');
      buffer = buffer.slice(nl + 1);
      const answer = reply(line);
      if (answer !== undefined && !socket.destroyed) socket.write(answer);
    }
  });
}

/**
 * Port 25 of the founding case (an Exchange receive connector without STARTTLS), which can get
 * STARTTLS advertised between runs: `advertise()` is asked at each EHLO, `onConnection` told of each client.
 */
export function startFoundingCaseServer(advertise: () => boolean, onConnection: () => void = () => undefined): Promise<ScriptedServer> {
  return startScriptedServer((socket) => {
    onConnection();
    socket.write('220 SRVEX01.contoso.local Microsoft ESMTP MAIL Service ready\r\n');
    onLines(socket, (line) => {
      if (/^EHLO/i.test(line)) return `250-SRVEX01 Hello\r\n250-SIZE 62423040\r\n${advertise() ? '250-STARTTLS\r\n' : ''}250 CHUNKING\r\n`;
      if (/^STARTTLS/i.test(line)) return '454 4.7.0 TLS not available\r\n';
      if (/^QUIT/i.test(line)) return '221 2.0.0 Bye\r\n';
      return '500 5.3.3 Unrecognized command\r\n';
    });
  });
}
