import { judgeActor } from '../../admission/actor-policy';
import { admitTarget } from '../../admission/target-guard';
import type { BotDeps } from '../bot-deps';

/** Who asks to probe what, and where they asked. */
export interface AdmissionRequest {
  channel: string;
  user: string;
  host: string;
  ports: number[];
}

/**
 * Everything that must hold before a probe starts; throws PolicyError. The rate limit counts
 * only admitted checks. Returns the approved address the probe must connect to.
 */
export async function admitRequest(deps: BotDeps, request: AdmissionRequest): Promise<string> {
  judgeActor(deps.config.actorPolicy, request.channel, request.user);
  const address = await admitTarget(deps.config.targetPolicy, deps.resolve, request.host, request.ports);
  await deps.limiter.take(request.user);
  return address;
}
