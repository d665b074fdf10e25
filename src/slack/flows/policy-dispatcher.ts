import { isIP } from 'node:net';
import { Agent, buildConnector } from 'undici';
import type { DomainResolver } from '../../domain-check';
import { resolverLookup } from '../../net/http/resolving-agent';
import { parseTargetRules } from '../../admission/target-rules';
import { judgeAddresses, judgeHostName, type TargetPolicy } from '../../admission/target-policy';

const TIMEOUT_MS = 10_000;

/**
 * The HTTP client for `/starttls mx`'s MTA-STS and caIssuers fetches. Their URLs come from DNS
 * and from served certificates, so a Slack user could aim them anywhere: each connection is
 * judged like a probe target's address (deny list, loopback, link-local, metadata), before
 * connecting. The allow list is not applied: it names mail servers, not policy and CA web hosts.
 */
export function policyDispatcher(policy: TargetPolicy, resolver: DomainResolver): Agent {
  const fetchPolicy: TargetPolicy = { ...policy, allowed: parseTargetRules([]) };
  const judge = (host: string, addresses: string[]) => {
    judgeHostName(fetchPolicy, host);
    judgeAddresses(fetchPolicy, host, addresses);
  };
  const judged: DomainResolver = {
    mx: (d) => resolver.mx(d),
    txt: (n) => resolver.txt(n),
    tlsa: (n) => resolver.tlsa(n),
    describe: () => resolver.describe(),
    addresses: async (name) => {
      const addresses = await resolver.addresses(name);
      judge(name, addresses);
      return addresses;
    },
  };
  const connector = buildConnector({ lookup: resolverLookup(judged), timeout: TIMEOUT_MS });
  return new Agent({
    connect: (options, callback) => {
      // An IP literal in a URL never reaches the lookup.
      const literal = options.hostname.replace(/^\[|\]$/g, '');
      if (isIP(literal)) {
        try {
          judge(literal, [literal]);
        } catch (err) {
          callback(err as Error, null);
          return;
        }
      }
      connector(options, callback);
    },
    headersTimeout: TIMEOUT_MS,
    bodyTimeout: TIMEOUT_MS,
    connections: 4,
  });
}
