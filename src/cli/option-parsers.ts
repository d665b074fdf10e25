import { InvalidArgumentError } from 'commander';
import { parseHost, TargetError } from '../check/parse-target';

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

/** A host-name option (`--ehlo`, `--expect-name`), normalised; the message names the option. Repeatable when `multiple`. */
export function hostName(flag: string, example: string, multiple: true): (raw: string, previous: string[] | undefined) => string[];
export function hostName(flag: string, example: string, multiple?: false): (raw: string) => string;
export function hostName(flag: string, example: string, multiple = false) {
  return (raw: string, previous: string[] | undefined) => {
    let name: string;
    try {
      name = parseHost(raw);
    } catch (err) {
      if (!(err instanceof TargetError)) throw err;
      throw new InvalidArgumentError(`${flag} takes a host name, not ${JSON.stringify(raw.slice(0, 60))} (e.g. ${flag} ${example})`);
    }
    return multiple ? collect(name, previous) : name;
  };
}
