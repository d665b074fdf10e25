import { parsed, rejected, type ParseResult } from '../parse-result';
import type { VersionedTxtFormat } from '../versioned-txt';
import type { TlsRptRecord } from '../types';

const VERSION = 'v=TLSRPTv1';
const FIELD_DELIM = /[ \t]*;[ \t]*/;
const URI_DELIM = /[ \t]*,[ \t]*/;
const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const EXT_VALUE = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;
const MAILTO = /^mailto:[^@\s,!]+@[A-Za-z0-9.-]+\.[A-Za-z0-9-]+$/i;

/** RFC 8460 section 3: records that do not begin with v=TLSRPTv1 are discarded before counting. */
export function tlsRptCandidates(texts: string[]): string[] {
  return texts.filter((t) => t.startsWith(VERSION));
}

/** Strict parse of one `_smtp._tls` TXT record (RFC 8460 section 3). */
export function parseTlsRptRecord(text: string): ParseResult<TlsRptRecord> {
  const parts = text.split(FIELD_DELIM);
  if (parts[0] !== VERSION) return rejected(`the record must start with "${VERSION}"`);
  const fields = parts.slice(1);
  if (fields.length > 0 && fields[fields.length - 1] === '') fields.pop();
  let rua: string[] | undefined;
  const extensions: TlsRptRecord['extensions'] = [];
  for (const field of fields) {
    const eq = field.indexOf('=');
    if (eq <= 0) return rejected(`"${field}" is not a name=value field`);
    const name = field.slice(0, eq);
    const value = field.slice(eq + 1);
    if (name === 'rua') {
      if (rua) return rejected('rua appears more than once');
      rua = value.split(URI_DELIM);
      const bad = rua.find((uri) => !isReportingUri(uri));
      if (bad !== undefined) return rejected(`rua "${bad}" is not a mailto: address or an https: URL`);
    } else if (name === 'v') {
      return rejected('v appears more than once');
    } else {
      if (!EXT_NAME.test(name) || !EXT_VALUE.test(value)) return rejected(`"${field}" is not a valid extension field`);
      extensions.push({ name, value });
    }
  }
  if (!rua) return rejected('the rua field (where to send reports) is missing');
  return parsed({ rua, extensions });
}

function isReportingUri(uri: string): boolean {
  if (MAILTO.test(uri)) return true;
  if (!/^https:/i.test(uri)) return false;
  try {
    return new URL(uri).hostname !== '';
  } catch {
    return false;
  }
}

/** The record as `readVersionedTxt` reads it. */
export const TLS_RPT_RECORD: VersionedTxtFormat<TlsRptRecord> = { version: VERSION, candidates: tlsRptCandidates, parse: parseTlsRptRecord };
