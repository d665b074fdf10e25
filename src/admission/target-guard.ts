import type { ResolveAddresses } from './resolve-addresses';
import { judgeAddresses, judgeHostName, judgePorts, type TargetPolicy } from './target-policy';

/**
 * All target checks in order: ports and names first (no network), then every resolved address.
 * Returns the address to connect to, so the probe cannot resolve the name again to somewhere else.
 * Throws PolicyError.
 */
export async function admitTarget(policy: TargetPolicy, resolve: ResolveAddresses, host: string, ports: number[]): Promise<string> {
  judgePorts(policy, ports);
  judgeHostName(policy, host);
  const addresses = await resolve(host);
  judgeAddresses(policy, host, addresses);
  return addresses[0];
}
