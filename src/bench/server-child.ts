import { Child } from './child';
import type { FromServer, ToServer } from './fast-server';
import type { ServerCertificate } from './server-certificate';

/** The fast STARTTLS server in its own process, so it does not compete for the prober's event loop. */
export class ServerChild {
  private constructor(
    private readonly child: Child,
    readonly port: number,
  ) {}

  static async start(certificate: ServerCertificate, hold: boolean, tls12 = false): Promise<ServerChild> {
    const child = new Child('fast-server-process.js');
    const listening = child.next<Extract<FromServer, { type: 'listening' }>>('listening');
    child.send({ type: 'start', certificate, hold, tls12 });
    return new ServerChild(child, (await listening).port);
  }

  count(): Promise<Extract<FromServer, { type: 'count' }>> {
    return this.child.ask({ type: 'count' } satisfies ToServer);
  }

  release(): void {
    this.child.send({ type: 'release' } satisfies ToServer);
  }

  stop(): void {
    this.child.stop();
  }
}
