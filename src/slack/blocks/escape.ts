/**
 * Making text safe for Slack mrkdwn. Everything that came from a probed server
 * (banner, capability lines, certificate fields, transcripts) and everything the
 * diagnosis quoted from it passes through one of these before it reaches a block.
 *
 * The scheme: text a server controls is shown verbatim in a code span (`verbatim`), where
 * Slack applies no formatting, mentions or links, and only backticks (which Slack cannot escape
 * inside code) are replaced by a look-alike. Lines that mix our words with server text (finding
 * evidence, error messages) are shown whole as code. Our own sentences that may quote such text
 * (titles, steps) go through `prose`, which keeps any formatting pair from forming.
 */

// C0/C1 controls, zero-width and bidirectional-override characters: they can hide or reorder text.
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** U+02CB looks like a backtick but cannot open or close code in mrkdwn. */
const BACKTICK_LOOKALIKE = '\u02cb';

function entities(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One line of untrusted text for mrkdwn: no mentions, no links, no code fences, no hidden characters. */
export function mrkdwn(text: string): string {
  return entities(text.replace(/[\r\n\t]+/g, ' ').replace(INVISIBLE, '')).replace(/`/g, BACKTICK_LOOKALIKE);
}

/** Untrusted text shown as inline code, where *, _ and ~ lose their meaning too. */
export function inlineCode(text: string): string {
  const safe = mrkdwn(text).trim();
  return safe === '' ? '' : `\`${safe}\``;
}

/** One line of server-controlled (or server-quoting) text shown as it is: a code span, `(empty)` when blank. */
export function verbatim(text: string): string {
  return inlineCode(text) || '_(empty)_';
}

/** Untrusted multi-line text for the inside of a ``` block (newlines kept). */
export function codeBlockContent(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\t/g, '  ').replace(INVISIBLE, '');
  return entities(lines).replace(/`/g, BACKTICK_LOOKALIKE);
}

export function codeBlock(content: string): string {
  return `\`\`\`\n${content}\n\`\`\``;
}

/**
 * mrkdwn's formatting marks with look-alikes. `*` and `~` are rare inside words, so any pair counts;
 * `_` counts only where it could open or close italics (not between ASCII letters or digits), since
 * identifiers such as `smtpd_tls_security_level` are common and Slack leaves them alone.
 */
const FORMATTING_MARKS: ReadonlyArray<{ mark: string; counts: RegExp; lookalike: string }> = [
  { mark: '*', counts: /[*]/g, lookalike: '\u2217' }, // ∗
  { mark: '~', counts: /[~]/g, lookalike: '\u223c' }, // ∼
  { mark: '_', counts: /(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, lookalike: '\u02cd' }, // ˍ
];

/**
 * Our own sentence, which may quote untrusted text, as mrkdwn that cannot change formatting:
 * escaped as `mrkdwn` does, and a formatting mark that could form a pair replaced by its
 * look-alike everywhere in the text. A lone mark (`*.contoso.com`) formats nothing and stays.
 */
export function prose(text: string): string {
  let out = mrkdwn(text);
  for (const { mark, counts, lookalike } of FORMATTING_MARKS) {
    if ((out.match(counts) ?? []).length >= 2) out = out.split(mark).join(lookalike);
  }
  return out;
}

/** Text for plain_text objects (header, button labels): Slack does not parse it, but hidden characters still mislead. */
export function plainText(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(INVISIBLE, '');
}

/** A mention of the Slack user who acted: Slack's own id, never server data. */
export function userMention(userId: string): string {
  return /^[UW][A-Z0-9]{2,30}$/.test(userId) ? `<@${userId}>` : mrkdwn(userId);
}
