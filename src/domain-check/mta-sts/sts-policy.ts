import { parsed, rejected, type ParseResult } from '../parse-result';
import type { StsMode, StsPolicy } from '../types';
import { isMxPattern } from './mx-pattern';

/** RFC 8461 section 3.2: max_age is at most 31557600 seconds (about a year). */
export const MAX_AGE_LIMIT = 31_557_600;
const MODES: readonly StsMode[] = ['enforce', 'testing', 'none'];
const LINE = /^([A-Za-z0-9][A-Za-z0-9_.-]{0,31}):[ \t]*(.*?)[ \t]*$/;
const EXT_VALUE = /^[\x21-\x3a\x3c\x3e-\x7e]+(?:[ \t]+[\x21-\x3a\x3c\x3e-\x7e]+)*$/;

/**
 * Strict parse of the policy body (RFC 8461 section 3.2): key: value lines
 * separated by LF or CRLF; version, mode and max_age exactly once each; one or
 * more mx unless the mode is none; unknown keys kept as extensions. Blank
 * lines are tolerated, as senders tolerate them.
 */
export function parseStsPolicy(text: string): ParseResult<StsPolicy> {
  const seen = new Map<string, string>();
  const mx: string[] = [];
  const extensions: StsPolicy['extensions'] = [];
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const m = LINE.exec(line);
    if (!m) return rejected(`line ${index + 1} is not "key: value": ${JSON.stringify(line.slice(0, 80))}`);
    const [, key, value] = m;
    if (key === 'mx') {
      if (!isMxPattern(value)) return rejected(`line ${index + 1}: "${value}" is not an MX host name or *.domain pattern`);
      mx.push(value.toLowerCase().replace(/\.$/, ''));
    } else if (key === 'version' || key === 'mode' || key === 'max_age') {
      if (seen.has(key)) return rejected(`${key} appears more than once`);
      seen.set(key, value);
    } else {
      if (!EXT_VALUE.test(value)) return rejected(`line ${index + 1}: "${key}" has an invalid value`);
      extensions.push({ name: key, value });
    }
  }
  const version = seen.get('version');
  if (version === undefined) return rejected('the version field is missing');
  if (version !== 'STSv1') return rejected(`version must be STSv1, not "${version}"`);
  const mode = seen.get('mode');
  if (mode === undefined) return rejected('the mode field is missing');
  if (!MODES.includes(mode as StsMode)) return rejected(`mode must be enforce, testing or none, not "${mode}"`);
  const maxAgeText = seen.get('max_age');
  if (maxAgeText === undefined) return rejected('the max_age field is missing');
  if (!/^[0-9]{1,10}$/.test(maxAgeText) || Number(maxAgeText) > MAX_AGE_LIMIT) {
    return rejected(`max_age must be a whole number of seconds up to ${MAX_AGE_LIMIT}, not "${maxAgeText}"`);
  }
  if (mx.length === 0 && mode !== 'none') return rejected('no mx field: the policy names no MX host');
  return parsed({ mode: mode as StsMode, maxAge: Number(maxAgeText), mx, extensions });
}
