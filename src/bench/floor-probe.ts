import * as net from 'node:net';
import * as tls from 'node:tls';

/**
 * The floor: the least code that does connect, greeting, EHLO, STARTTLS, handshake,
 * EHLO, QUIT with node:tls. No parsing beyond reply codes, no verification, no report,
 * so the engine's cost can be stated as a ratio to it.
 */
export function floorProbe(host: string, port: number, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const plain = net.connect({ host, port, noDelay: true });
    let socket: net.Socket = plain;
    let stage: 'greeting' | 'ehlo' | 'starttls' | 'ehlo-tls' | 'quit' = 'greeting';
    let buffer = '';
    const timer = setTimeout(() => finish(new Error(`floor probe timed out at ${stage}`)), timeoutMs);
    const finish = (err?: Error) => {
      clearTimeout(timer);
      socket.destroy();
      plain.destroy();
      if (err) reject(err);
      else resolve();
    };
    const onReply = (code: number) => {
      const expected = stage === 'greeting' || stage === 'starttls' ? 220 : stage === 'quit' ? 221 : 250;
      if (code !== expected) return finish(new Error(`${stage}: unexpected ${code}`));
      if (stage === 'greeting') return send('ehlo', 'EHLO floor.test');
      if (stage === 'ehlo') return send('starttls', 'STARTTLS');
      if (stage === 'starttls') return startTls();
      if (stage === 'ehlo-tls') return send('quit', 'QUIT');
      finish();
    };
    const send = (next: typeof stage, command: string) => {
      stage = next;
      socket.write(`${command}\r\n`);
    };
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line[3] !== '-') onReply(Number(line.slice(0, 3)));
      }
    };
    const startTls = () => {
      plain.off('data', onData);
      buffer = '';
      const secure = tls.connect({ socket: plain, rejectUnauthorized: false });
      socket = secure;
      secure.on('data', onData);
      secure.on('error', (err) => finish(err));
      secure.once('secureConnect', () => send('ehlo-tls', 'EHLO floor.test'));
    };
    plain.on('data', onData);
    plain.on('error', (err) => finish(err));
    plain.on('close', () => finish(new Error(`connection closed at ${stage}`)));
  });
}
