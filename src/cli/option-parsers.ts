import { InvalidArgumentError } from 'commander';

/** A commander argument parser for a whole number in [min, max]; the message names the option and an example. */
export function wholeNumber(flag: string, min: number, max: number, example: number): (raw: string) => number {
  return (raw) => {
    const n = /^[0-9]+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${flag} takes a whole number from ${min} to ${max}, not ${JSON.stringify(raw)} (e.g. ${flag} ${example})`);
    }
    return n;
  };
}

/** For repeatable options: every value, in order. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
