export const DAY_MS = 86_400_000;

/**
 * Whole days from `now` to notAfter, as a person says them: truncated toward zero, so
 * 90.9 days left is 90 and a certificate 365.006 days past notAfter expired 365 days ago
 * (flooring would say 366). Never -0.
 */
export function wholeDaysLeft(notAfter: Date | string, now: Date | number): number {
  const ms = new Date(notAfter).getTime() - new Date(now).getTime();
  return Math.trunc(ms / DAY_MS) || 0;
}

/** notAfter has passed (a certificate can be expired with daysLeft 0: "expired today"). */
export function isPastNotAfter(notAfter: Date | string, now: Date | number): boolean {
  return new Date(now).getTime() > new Date(notAfter).getTime();
}
