/**
 * Server-supplied text made safe for a terminal: control characters (but tab and newline) as `\xHH`,
 * invisible and reordering characters (zero-width, bidirectional controls, BOM) as `\u{HHHH}`, so
 * a banner can neither drive the terminal nor hide or reverse what it says.
 */
export function safe(text: string): string {
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, escapeChar);
}

export function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}
