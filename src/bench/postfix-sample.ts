import { type LoopBounds } from './measure';
import { postfixUnavailableReason, startPostfix } from './postfix-instance';
import type { ServerCertificate } from './server-certificate';
import { floorAndEngine, type FloorAndEngine } from './throughput';

export interface PostfixSamples extends FloorAndEngine {
  /** Why Postfix was not driven, when it was not. */
  skipped?: string;
}

/**
 * Engine and floor against a private Postfix instance on loopback (Postfix's defaults:
 * one TLS 1.3 session ticket, no TCP_NODELAY). Postfix's default process limit is 100,
 * so concurrency stays well under it.
 */
export async function postfixSamples(certificate: ServerCertificate, concurrency: number[], bounds: LoopBounds, warmUp: LoopBounds): Promise<PostfixSamples> {
  const skipped = postfixUnavailableReason();
  if (skipped) return { skipped, floor: [], engine: [] };
  const postfix = await startPostfix({ certPem: certificate.cert, keyPem: certificate.key, services: [{ name: 'tls', tls: 'may' }] });
  try {
    return await floorAndEngine(postfix.ports.tls, concurrency, bounds, warmUp);
  } finally {
    await postfix.stop();
  }
}
