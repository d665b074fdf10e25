import { judgeActor } from '../../policy/actor-policy';
import { admitTarget } from '../../policy/target-guard';
import type { BotDeps } from '../bot-deps';

/**
 * Everything that must hold before a probe starts; throws PolicyError. The rate limit counts
 * only admitted checks. Returns the approved address the probe must connect to.
 */
export async function admitRequest(deps: BotDeps, who: { channel: string; user: string }, host: string, ports: number[]): Promise<string> {
  judgeActor(deps.config.actorPolicy, who.channel, who.user);
  const address = await admitTarget(deps.config.targetPolicy, deps.resolve, host, ports);
  await deps.limiter.take(who.user);
  return address;
}
