/**
 * Cisco ASA-style ESMTP inspection overwrites keywords it does not allow with X's
 * of the same length (STARTTLS becomes XXXXXXXA), and banners with asterisks.
 */
export function isMaskedKeyword(keyword: string): boolean {
  return /^X{4,}[A-Z]?$/i.test(keyword) && keyword.length >= 6;
}

export function isMaskedBanner(text: string): boolean {
  return /^\*{8,}/.test(text.trim());
}
