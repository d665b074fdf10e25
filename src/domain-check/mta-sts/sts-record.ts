import { parsed, rejected, type ParseResult } from '../parse-result';
import type { VersionedTxtFormat } from '../versioned-txt';
import type { StsRecord } from '../types';

const VERSION = 'v=STSv1';
const FIELD_DELIM = /[ \t]*;[ \t]*/;
const ID = /^[A-Za-z0-9]{1,32}$/;
const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
// Printable ASCII except '=', ';' and space.
const EXT_VALUE = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;

/** RFC 8461 section 3.1: TXT records that do not begin with v=STSv1 are discarded before counting. */
export function stsCandidates(texts: string[]): string[] {
  return texts.filter((t) => t.startsWith(VERSION));
}

/** Strict parse of one `_mta-sts` TXT record (RFC 8461 section 3.1). */
export function parseStsRecord(text: string): ParseResult<StsRecord> {
  const parts = text.split(FIELD_DELIM);
  if (parts[0] !== VERSION) return rejected(`the record must start with "${VERSION}"`);
  const fields = parts.slice(1);
  if (fields.length > 0 && fields[fields.length - 1] === '') fields.pop();
  let id: string | undefined;
  const extensions: StsRecord['extensions'] = [];
  for (const field of fields) {
    const eq = field.indexOf('=');
    const name = eq < 0 ? field : field.slice(0, eq);
    const value = eq < 0 ? '' : field.slice(eq + 1);
    if (eq < 0 || field === '') return rejected(`"${field}" is not a name=value field`);
    if (name === 'id') {
      if (id !== undefined) return rejected('id appears more than once');
      if (!ID.test(value)) return rejected(`id must be 1 to 32 letters and digits, not "${value}"`);
      id = value;
    } else if (name === 'v') {
      return rejected('v appears more than once');
    } else {
      if (!EXT_NAME.test(name) || !EXT_VALUE.test(value)) return rejected(`"${field}" is not a valid extension field`);
      extensions.push({ name, value });
    }
  }
  if (id === undefined) return rejected('the id field is missing');
  return parsed({ id, extensions });
}

/** The record as `readVersionedTxt` reads it. */
export const STS_RECORD: VersionedTxtFormat<StsRecord> = { version: VERSION, candidates: stsCandidates, parse: parseStsRecord };
