// Child-process entry for the bench's fast STARTTLS server: certificate and mode come from the parent over IPC.
import { startFastServer, type FromServer, type ToServer } from './fast-server';
import type { ServerCertificate } from './server-certificate';

interface StartMessage {
  type: 'start';
  certificate: ServerCertificate;
  hold: boolean;
  tls12?: boolean;
}

process.once('message', async (start: StartMessage) => {
  const { server, control } = await startFastServer({ certificate: start.certificate, hold: start.hold, tls12: start.tls12 });
  const port = (server.address() as import('node:net').AddressInfo).port;
  process.send!({ type: 'listening', port } satisfies FromServer);
  process.on('message', (m: ToServer) => {
    const answer = control(m);
    if (answer) process.send!(answer);
  });
  process.on('disconnect', () => process.exit(0));
});
