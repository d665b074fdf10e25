import { createColors } from 'picocolors';

export type Style = ReturnType<typeof createColors>;

/**
 * Colour on stdout: FORCE_COLOR (other than 0/false) forces it, as in Node itself; otherwise
 * NO_COLOR (any non-empty value) or TERM=dumb turns it off; otherwise only on a terminal.
 */
export function colourWanted(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (env.NO_COLOR) return false;
  if (env.TERM === 'dumb') return false;
  return isTTY === true;
}

export function style(enabled: boolean | undefined): Style {
  return createColors(enabled === true);
}

/** The colour of a verdict or severity word. */
export function levelColour(level: string, s: Style): (text: string) => string {
  if (level === 'critical') return s.red;
  if (level === 'warning') return s.yellow;
  if (level === 'ok') return s.green;
  if (level === 'unknown') return s.magenta;
  return (text) => text;
}
