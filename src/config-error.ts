import { StarttlsError } from './starttls-error';

export const CONFIG_ERROR_CODES = ['CONFIG_MISSING', 'CONFIG_INVALID'] as const;
export type ConfigErrorCode = (typeof CONFIG_ERROR_CODES)[number];

/** Configuration the bot cannot start with; the message is one line and names the variable. */
export class ConfigError extends StarttlsError {
  static override readonly codes = CONFIG_ERROR_CODES;
  /** For the operator's console at start-up, not for a person in Slack. */
  readonly userVisible = false;
  constructor(
    readonly code: ConfigErrorCode,
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}
