import { StarttlsError } from '../starttls-error';

/** Bad command-line usage: one line for the user, exit status 3. */
export class UsageError extends StarttlsError {
  static override readonly codes = ['CLI_USAGE'] as const;
  readonly code = 'CLI_USAGE';
  readonly userVisible = true;
}
