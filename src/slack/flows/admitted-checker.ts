import { isIP } from 'node:net';
import type { Checker } from '../../check/checker';
import type { DomainResolver } from '../../domain-check';
import { PolicyError } from '../../admission/policy-error';
import type { ResolveAddresses } from '../../admission/resolve-addresses';
import { admitTarget } from '../../admission/target-guard';
import type { TargetPolicy } from '../../admission/target-policy';

/**
 * The checker for `/starttls mx`: each MX host passes the target policy, judged on every
 * address the domain's resolver gives it, before the real checker connects to the approved
 * address. A refusal rejects with PolicyError, which checkDomain records as that host's error.
 */
export function admittedChecker(policy: TargetPolicy, resolver: DomainResolver, checker: Checker): Checker {
  const resolve = resolverAddresses(resolver);
  return async (request, hooks) => {
    const address = await admitTarget(policy, resolve, request.host, request.ports);
    return checker({ ...request, address }, hooks);
  };
}

export function resolverAddresses(resolver: DomainResolver): ResolveAddresses {
  return async (host) => {
    if (isIP(host)) return [host];
    try {
      return await resolver.addresses(host);
    } catch (err) {
      throw new PolicyError('POLICY_UNRESOLVABLE', `cannot resolve ${host} (${(err as { code?: string }).code ?? 'lookup failed'})`);
    }
  };
}
