import type { ResolveAddresses } from './resolve-addresses';
import { judgeAddresses, judgeHostName, judgePorts, type TargetPolicy } from './target-policy';

/** All target checks in order: ports and names first (no network), then every resolved address. Throws PolicyError. */
export async function admitTarget(policy: TargetPolicy, resolve: ResolveAddresses, host: string, ports: number[]): Promise<void> {
  judgePorts(policy, ports);
  judgeHostName(policy, host);
  judgeAddresses(policy, host, await resolve(host));
}
