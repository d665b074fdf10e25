import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';

/** Bytes kept from the start of what the server sends once TLS should begin. */
const KEEP_BYTES = 512;

/**
 * The plain socket as a stream for TLS to run over, keeping the first bytes the server sends.
 * Those tell, on every run alike, a server that answers a TLS handshake in plain text (an SMTP
 * greeting on a `--tls` probe, a 500 after "220 go ahead") from one that fails the handshake:
 * what OpenSSL reports about the same bytes depends on how TCP happened to deliver them.
 */
export class FirstBytesTap extends Duplex {
  private kept = Buffer.alloc(0);

  constructor(private readonly socket: Socket) {
    super({ allowHalfOpen: false });
    socket.on('data', (chunk: Buffer) => {
      if (this.kept.length < KEEP_BYTES) this.kept = Buffer.concat([this.kept, chunk]).subarray(0, KEEP_BYTES);
      if (!this.push(chunk)) socket.pause();
    });
    socket.on('end', () => this.push(null));
    socket.on('error', (err) => this.destroy(err));
    socket.on('close', () => this.destroy());
  }

  /** The first line the server sent, when what it sent is not a TLS record (which starts with content type 20 to 24). */
  plainText(): string | undefined {
    if (this.kept.length === 0 || (this.kept[0] >= 0x14 && this.kept[0] <= 0x18)) return undefined;
    return firstLine(this.kept.toString('latin1'));
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.socket.write(chunk, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.socket.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.socket.destroy();
    callback(error);
  }
}

/** The first non-empty line of some text, at most 200 characters. */
export function firstLine(text: string): string | undefined {
  const line = text.split(/\r?\n|\r/).find((l) => l.trim() !== '');
  return line === undefined ? undefined : line.slice(0, 200);
}
