import { isMaskedBanner, isMaskedKeyword } from '../../src/diagnosis/masking';

describe('masking marks', () => {
  it('recognises X-masked keywords', () => {
    for (const k of ['XXXXXXXA', 'xxxxxxxa', 'XXXA', 'XXXXXXXX']) expect(isMaskedKeyword(k)).toBe(true);
    for (const k of ['XRDST', 'XEXCH50', 'X-EXPS', 'XXA', 'STARTTLS', 'XCLIENT', 'XFORWARD']) expect(isMaskedKeyword(k)).toBe(false);
  });

  it('recognises a banner of asterisks, even with the few characters the ASA leaves', () => {
    expect(isMaskedBanner({ code: 220, lines: ['****************************************************************'] })).toBe(true);
    expect(isMaskedBanner({ code: 220, lines: ['*****************************2*0***0*00'] })).toBe(true);
    expect(isMaskedBanner({ code: 220, lines: ['mail.example.com ESMTP ***'] })).toBe(false);
    expect(isMaskedBanner(undefined)).toBe(false);
  });
});
