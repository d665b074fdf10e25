import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { Agent } from 'undici';
import type { DomainResolver } from '../dns/domain-resolver';

export interface ResolvingAgentOptions {
  resolver: DomainResolver;
  /** Trust anchors for https; undefined keeps Node's bundled roots. */
  ca?: string[];
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * An undici Agent whose connections resolve host names through `resolver`
 * (the same name servers as every other lookup of the check), never the
 * system's. It follows no redirects: callers decide what a 3xx means.
 */
export function resolvingAgent(options: ResolvingAgentOptions): Agent {
  return new Agent({
    connect: {
      ...(options.ca ? { ca: options.ca } : {}),
      lookup: resolverLookup(options.resolver),
      timeout: options.connectTimeoutMs,
    },
    headersTimeout: options.headersTimeoutMs,
    bodyTimeout: options.bodyTimeoutMs,
    connections: 4,
  });
}

/** A net.connect `lookup` (both the one-address and the `all` form) backed by the resolver. */
export function resolverLookup(resolver: DomainResolver): LookupFunction {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    const literal = isIP(hostname);
    const found = literal ? Promise.resolve([hostname]) : resolver.addresses(hostname);
    found.then(
      (addresses) => {
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
        const wanted = family === 4 || family === 6 ? addresses.filter((a) => isIP(a) === family) : addresses;
        if (wanted.length === 0) {
          const err: NodeJS.ErrnoException = new Error(`${hostname} has no address`);
          err.code = 'ENOTFOUND';
          callback(err, '');
          return;
        }
        if (options.all) callback(null, wanted.map((address) => ({ address, family: isIP(address) })));
        else callback(null, wanted[0], isIP(wanted[0]));
      },
      (err: Error & { code?: string }) => {
        const wrapped: NodeJS.ErrnoException = new Error(`${hostname}: ${err.message}`);
        wrapped.code = err.code ?? 'ENOTFOUND';
        callback(wrapped, '');
      },
    );
  };
}
