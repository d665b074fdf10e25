/** What a strict parser returns: the value, or the first reason the text is not valid. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export const parsed = <T>(value: T): ParseResult<T> => ({ ok: true, value });
export const rejected = <T>(reason: string): ParseResult<T> => ({ ok: false, reason });
