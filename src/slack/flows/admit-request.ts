import { judgeActor } from '../../policy/actor-policy';
import { admitTarget } from '../../policy/target-guard';
import type { BotDeps } from '../bot-deps';

/** Everything that must hold before a probe starts; throws PolicyError. The rate limit counts only admitted checks. */
export async function admitRequest(deps: BotDeps, who: { channel: string; user: string }, host: string, ports: number[]): Promise<void> {
  judgeActor(deps.config.actorPolicy, who.channel, who.user);
  await admitTarget(deps.config.targetPolicy, deps.resolve, host, ports);
  deps.limiter.take(who.user);
}
