import { buildReply, parseCapabilities, parseReplyLine } from '../../src/probe/reply-parser';

function reply(text: string) {
  const lines = text.trim().split('\n').map((l) => parseReplyLine(l.trim())!);
  return buildReply(lines);
}

describe('parseReplyLine', () => {
  it('reads the code, the continuation dash and the text', () => {
    expect(parseReplyLine('250-SIZE 37748736')).toEqual({ code: 250, last: false, text: 'SIZE 37748736' });
    expect(parseReplyLine('250 CHUNKING')).toEqual({ code: 250, last: true, text: 'CHUNKING' });
  });

  it('treats a bare code as the last line', () => {
    expect(parseReplyLine('250')).toEqual({ code: 250, last: true, text: '' });
  });

  it('rejects lines that are not replies', () => {
    expect(parseReplyLine('hello there')).toBeNull();
    expect(parseReplyLine('2500 too long')).toBeNull();
    expect(parseReplyLine('099 nope')).toBeNull();
  });
});

describe('buildReply', () => {
  it('takes the enhanced status code from the first line', () => {
    const r = reply('451 5.7.3 STARTTLS is required to send mail');
    expect(r).toEqual({ code: 451, enhanced: '5.7.3', lines: ['5.7.3 STARTTLS is required to send mail'] });
  });
});

describe('parseCapabilities', () => {
  it('parses the reference thread port 25 answer: no STARTTLS, SIZE 62423040', () => {
    const caps = parseCapabilities(
      reply(`250-srvex01.contoso.test Hello [192.0.2.10]
        250-SIZE 62423040
        250-PIPELINING
        250-DSN
        250-ENHANCEDSTATUSCODES
        250-8BITMIME
        250-BINARYMIME
        250 CHUNKING`),
    );
    expect(caps.map((c) => c.keyword)).toEqual(['SIZE', 'PIPELINING', 'DSN', 'ENHANCEDSTATUSCODES', '8BITMIME', 'BINARYMIME', 'CHUNKING']);
    expect(caps[0].params).toEqual(['62423040']);
  });

  it('parses the reference thread port 587 answer with STARTTLS and AUTH NTLM', () => {
    const caps = parseCapabilities(
      reply(`250-srvex01.contoso.test Hello [192.0.2.10]
        250-SIZE 20971520
        250-PIPELINING
        250-DSN
        250-ENHANCEDSTATUSCODES
        250-STARTTLS
        250-AUTH NTLM
        250-8BITMIME
        250-BINARYMIME
        250 CHUNKING`),
    );
    expect(caps.find((c) => c.keyword === 'STARTTLS')).toEqual({ keyword: 'STARTTLS', params: [] });
    expect(caps.find((c) => c.keyword === 'AUTH')?.params).toEqual(['NTLM']);
    expect(caps.find((c) => c.keyword === 'SIZE')?.params).toEqual(['20971520']);
  });

  it('finds STARTTLS on the last line and upper-cases keywords', () => {
    const caps = parseCapabilities(reply(`250-mx.example.test\n250-size 1000\n250 starttls`));
    expect(caps.map((c) => c.keyword)).toEqual(['SIZE', 'STARTTLS']);
  });
});
