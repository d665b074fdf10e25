import { fingerprintPlatform } from '../../src/diagnosis/fingerprint';
import { probeFromTranscript } from '../fixtures/transcripts/builder';
import {
  exchange2016Port25,
  exchangeOnlineProtection,
  referenceThreadPort25,
  referenceThreadPort587,
} from '../fixtures/transcripts/exchange';
import { connectRefused, greeting421 } from '../fixtures/transcripts/failures';
import { asaMasked } from '../fixtures/transcripts/middlebox';
import { ciscoEsaWithoutTls, exim495, gmailMx, openSmtpd, postfixDebian, sendmail815 } from '../fixtures/transcripts/mtas';

describe('fingerprintPlatform', () => {
  it('recognises Exchange on-premises from the Microsoft banner', () => {
    expect(fingerprintPlatform([exchange2016Port25()])).toBe('exchange-onprem');
    expect(fingerprintPlatform([referenceThreadPort25(), referenceThreadPort587()])).toBe('exchange-onprem');
  });

  it('recognises Exchange Online from the Microsoft banner of an outlook.com host', () => {
    expect(fingerprintPlatform([exchangeOnlineProtection()])).toBe('exchange-online');
  });

  it('recognises Exchange on-premises from X-ANONYMOUSTLS, X-EXPS or XRDST when the banner is customised', () => {
    for (const keyword of ['X-ANONYMOUSTLS', 'X-EXPS GSSAPI NTLM', 'XRDST']) {
      const probe = probeFromTranscript({
        port: 25,
        transcript: `
          220 mx.contoso.test ESMTP ready
          250-mx.contoso.test Hello [192.0.2.1]
          250-STARTTLS
          250 ${keyword}
        `,
      });
      expect(fingerprintPlatform([probe])).toBe('exchange-onprem');
    }
  });

  it('recognises Postfix, Exim, Sendmail and OpenSMTPD from their banners', () => {
    expect(fingerprintPlatform([postfixDebian()])).toBe('postfix');
    expect(fingerprintPlatform([exim495()])).toBe('exim');
    expect(fingerprintPlatform([sendmail815()])).toBe('sendmail');
    expect(fingerprintPlatform([openSmtpd()])).toBe('opensmtpd');
  });

  it('recognises Exim from PIPE_CONNECT when the banner says nothing', () => {
    const probe = probeFromTranscript({
      port: 25,
      transcript: `
        220 mx.example.org ESMTP
        250-mx.example.org Hello x [192.0.2.1]
        250-PIPE_CONNECT
        250 STARTTLS
      `,
    });
    expect(fingerprintPlatform([probe])).toBe('exim');
  });

  it('says unknown when nothing names the software', () => {
    expect(fingerprintPlatform([gmailMx()])).toBe('unknown');
    expect(fingerprintPlatform([ciscoEsaWithoutTls()])).toBe('unknown');
    expect(fingerprintPlatform([connectRefused(25), greeting421(587)])).toBe('unknown');
    expect(fingerprintPlatform([])).toBe('unknown');
  });

  it('says cisco-asa for the masked transcript, although the server behind looks like Exchange', () => {
    expect(fingerprintPlatform([asaMasked()])).toBe('cisco-asa');
  });

  it('lets masking on one port win over an Exchange banner on another', () => {
    expect(fingerprintPlatform([exchange2016Port25(), { ...asaMasked(), port: 587 }])).toBe('cisco-asa');
  });

  it('detects a banner of asterisks alone, and an X-masked keyword alone', () => {
    const banner = probeFromTranscript({
      port: 25,
      transcript: `
        220 ******************************************2*0***0*00
        250-mail.example.com Hello [192.0.2.10]
        250 PIPELINING
      `,
    });
    expect(fingerprintPlatform([banner])).toBe('cisco-asa');
    const keyword = probeFromTranscript({
      port: 25,
      transcript: `
        220 mx.example.org ESMTP Postfix
        250-mx.example.org
        250-XXXXXXXA
        250 PIPELINING
      `,
    });
    expect(fingerprintPlatform([keyword])).toBe('cisco-asa');
  });
});
