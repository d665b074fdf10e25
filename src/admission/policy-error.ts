import { UserFacingError } from '../starttls-error';

export const POLICY_ERROR_CODES = [
  'POLICY_PORT_NOT_ALLOWED',
  'POLICY_HOST_DENIED',
  'POLICY_HOST_NOT_ALLOWED',
  'POLICY_ADDRESS_DENIED',
  'POLICY_UNRESOLVABLE',
  'POLICY_CHANNEL_NOT_ALLOWED',
  'POLICY_USER_NOT_ALLOWED',
  'POLICY_RATE_LIMITED',
  'POLICY_BAD_RULE',
] as const;
export type PolicyErrorCode = (typeof POLICY_ERROR_CODES)[number];

/** A refusal under the target policy; the message is one line fit to show the person who asked. */
export class PolicyError extends UserFacingError<PolicyErrorCode> {
  static override readonly codes = POLICY_ERROR_CODES;
}
