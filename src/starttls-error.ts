/**
 * The base of every error the product throws, as undici's UndiciError: callers branch on a
 * stable `code`, never on the class or the wording, and on `userVisible` to decide whether the
 * person who asked may read the message. Every layer may import this module; it imports nothing.
 * docs/errors.md lists every class and code.
 */
export abstract class StarttlsError extends Error {
  /** The codes this class introduces: stable, SCREAMING_SNAKE_CASE, each owned by one class. */
  static readonly codes: readonly string[] = [];

  /** Stable: logs, tests and callers branch on it; never reworded. */
  abstract readonly code: string;

  /**
   * The message is written for the person who asked (one line, nothing internal, no secrets):
   * Slack and the CLI show `userMessage`. Otherwise only the logs see it, and the person is
   * told that something went wrong on our side.
   */
  abstract readonly userVisible: boolean;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }

  /** What the person is told when `userVisible`: the message, unless a class words it for them. */
  get userMessage(): string {
    return this.message;
  }
}

/** An error whose message the person who asked may read. */
export function isUserVisible(err: unknown): err is StarttlsError {
  return err instanceof StarttlsError && err.userVisible;
}

/**
 * The common kind: the code is picked per throw from the class's `codes`, and the message is
 * one line for the person who asked. Subclasses only name their codes.
 */
export abstract class UserFacingError<Code extends string> extends StarttlsError {
  readonly userVisible = true;

  constructor(
    readonly code: Code,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
