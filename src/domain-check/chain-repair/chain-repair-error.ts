import { UserFacingError } from '../../starttls-error';

export const CHAIN_REPAIR_ERROR_CODES = [
  'AIA_NO_LEAF',
  'AIA_NO_URL',
  'AIA_NOT_A_CERTIFICATE',
  'AIA_WRONG_ISSUER',
  'AIA_ISSUER_IS_ROOT',
] as const;
export type ChainRepairErrorCode = (typeof CHAIN_REPAIR_ERROR_CODES)[number];

/** Why the missing intermediate could not be named. */
export class ChainRepairError extends UserFacingError<ChainRepairErrorCode> {
  static override readonly codes = CHAIN_REPAIR_ERROR_CODES;
}
