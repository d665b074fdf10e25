import * as tls from 'node:tls';
import type { Socket } from 'node:net';
import { onLines, startScriptedServer, type ScriptedServer } from './scripted-server';

export interface StartTlsServerOptions {
  tls: tls.SecureContextOptions & { minVersion?: tls.SecureVersion; maxVersion?: tls.SecureVersion };
  /** Capabilities after the EHLO greeting line; STARTTLS included by default. */
  capabilities?: string[];
  /** Greeting text after `220 `. */
  banner?: string;
  /** Per SNI name, the TLS settings served instead of `tls` (which stays the default, also without SNI). */
  sni?: Record<string, tls.SecureContextOptions>;
}

export interface StartTlsServer extends ScriptedServer {
  /** SNI names clients sent (undefined when none). */
  servernames: (string | undefined)[];
}

/** A small STARTTLS server on loopback whose TLS settings the test controls fully. */
export async function startStartTlsServer(options: StartTlsServerOptions): Promise<StartTlsServer> {
  const servernames: (string | undefined)[] = [];
  const contexts = new Map(Object.entries(options.sni ?? {}).map(([name, o]) => [name, tls.createSecureContext(o)]));
  const SNICallback = (name: string, cb: (err: Error | null, ctx?: tls.SecureContext) => void) => cb(null, contexts.get(name));
  const caps = options.capabilities ?? ['SIZE 10240000', 'STARTTLS'];
  const ehlo = (extra: string[]) => ['250-tls.example.test', ...extra].map((l, i, a) => (i === a.length - 1 ? l.replace(/^250-/, '250 ') : l)).join('\r\n') + '\r\n';
  const server = await startScriptedServer((socket: Socket) => {
    socket.write(`220 ${options.banner ?? 'tls.example.test ESMTP test'}\r\n`);
    let upgraded = false;
    onLines(socket, (line) => {
      if (upgraded) return undefined;
      if (line.startsWith('EHLO')) return ehlo(caps.map((c) => `250-${c}`));
      if (line === 'QUIT') return '221 bye\r\n';
      if (line !== 'STARTTLS') return '502 5.5.2 no\r\n';
      upgraded = true;
      socket.write('220 2.0.0 Ready to start TLS\r\n', () => {
        const secure = new tls.TLSSocket(socket, {
          isServer: true,
          secureContext: tls.createSecureContext(options.tls),
          ...(contexts.size > 0 ? { SNICallback } : {}),
          ...pick(options.tls),
        });
        secure.on('error', () => undefined);
        secure.on('secure', () => servernames.push((secure as unknown as { servername?: string | false }).servername || undefined));
        onLines(secure as unknown as Socket, (l) => (l.startsWith('EHLO') ? ehlo(caps.filter((c) => c !== 'STARTTLS').map((c) => `250-${c}`)) : l === 'QUIT' ? '221 bye\r\n' : undefined));
      });
      return undefined;
    });
  });
  return Object.assign(server, { servernames });
}

function pick(o: StartTlsServerOptions['tls']) {
  return { minVersion: o.minVersion, maxVersion: o.maxVersion } as tls.TLSSocketOptions;
}
