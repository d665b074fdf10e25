export type ChainRepairErrorCode =
  | 'AIA_NO_LEAF'
  | 'AIA_NO_URL'
  | 'AIA_NOT_A_CERTIFICATE'
  | 'AIA_WRONG_ISSUER'
  | 'AIA_ISSUER_IS_ROOT';

/** Why the missing intermediate could not be named. */
export class ChainRepairError extends Error {
  constructor(
    readonly code: ChainRepairErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ChainRepairError';
  }
}
