/**
 * An EHLO keyword overwritten by an SMTP-inspecting firewall: made of X's, maybe ending in
 * one other character. Cisco ASA turns STARTTLS into XXXXXXXA. The probe tries STARTTLS
 * behind such a mask to confirm it; diagnosis reports it.
 */
export function isMaskedKeyword(keyword: string): boolean {
  if (keyword.length < 4 || !/^[A-Z0-9]+$/i.test(keyword)) return false;
  const xs = (keyword.match(/x/gi) ?? []).length;
  return xs >= 3 && xs >= keyword.length - 1;
}
