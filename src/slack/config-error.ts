export type ConfigErrorCode = 'CONFIG_MISSING' | 'CONFIG_INVALID';

/** Configuration the bot cannot start with; the message is one line and names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly code: ConfigErrorCode,
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}
