export type PolicyErrorCode =
  | 'POLICY_PORT_NOT_ALLOWED'
  | 'POLICY_HOST_DENIED'
  | 'POLICY_HOST_NOT_ALLOWED'
  | 'POLICY_ADDRESS_DENIED'
  | 'POLICY_UNRESOLVABLE'
  | 'POLICY_CHANNEL_NOT_ALLOWED'
  | 'POLICY_USER_NOT_ALLOWED'
  | 'POLICY_RATE_LIMITED'
  | 'POLICY_BAD_RULE';

/** A refusal under the target policy; the message is one line fit to show the person who asked. */
export class PolicyError extends Error {
  constructor(
    readonly code: PolicyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PolicyError';
  }
}
