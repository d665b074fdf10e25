import { PolicyError } from './policy-error';

/** Optional restriction of who may run checks and where; empty lists mean everyone, everywhere. */
export interface ActorPolicy {
  allowedChannels: string[];
  allowedUsers: string[];
}

export function judgeActor(policy: ActorPolicy, channelId: string, userId: string): void {
  if (policy.allowedChannels.length > 0 && !policy.allowedChannels.includes(channelId)) {
    throw new PolicyError('POLICY_CHANNEL_NOT_ALLOWED', 'checks are not enabled in this channel; ask in one of the channels this bot serves');
  }
  if (policy.allowedUsers.length > 0 && !policy.allowedUsers.includes(userId)) {
    throw new PolicyError('POLICY_USER_NOT_ALLOWED', 'you are not on the list of people who may run checks with this bot');
  }
}
