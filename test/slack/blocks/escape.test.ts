import { codeBlockContent, inlineCode, mrkdwn, plainText, prose, userMention, verbatim } from '../../../src/slack/blocks/escape';
import { clip } from '../../../src/slack/blocks/limits';

describe('mrkdwn escaping of server text', () => {
  it('turns mentions and links into harmless text', () => {
    expect(mrkdwn('<!channel> <https://evil|click> a&b')).toBe('&lt;!channel&gt; &lt;https://evil|click&gt; a&amp;b');
  });

  it('cannot open or close code spans, and drops hidden characters and line breaks', () => {
    const out = mrkdwn('```x``` `y`\u202e\u200b\u0007\r\nz');
    expect(out).not.toContain('`');
    expect(out).not.toMatch(/[\u202e\u200b\u0007\r\n]/);
    expect(out).toBe('ˋˋˋxˋˋˋ ˋyˋ z');
  });

  it('keeps line breaks inside code blocks but nothing that ends the block', () => {
    expect(codeBlockContent('250-a\r\n250 ```b<!here>')).toBe('250-a\n250 ˋˋˋb&lt;!here&gt;');
  });

  it('wraps inline code and leaves empty text empty', () => {
    expect(inlineCode('CN=a*b_c')).toBe('`CN=a*b_c`');
    expect(inlineCode('  ')).toBe('');
  });

  it('strips hidden characters from plain_text and only mentions real Slack user ids', () => {
    expect(plainText('a\u202eb\nc')).toBe('ab c');
    expect(userMention('U123ABC')).toBe('<@U123ABC>');
    expect(userMention('<!channel>')).toBe('&lt;!channel&gt;');
  });
});

describe('verbatim and prose', () => {
  it('shows server text whole in a code span, where Slack formats nothing', () => {
    expect(verbatim('O=*bold* <!channel> _i_ ~s~')).toBe('`O=*bold* &lt;!channel&gt; _i_ ~s~`');
    expect(verbatim('220 `id` ready')).toBe('`220 ˋidˋ ready`');
    expect(verbatim('  ')).toBe('_(empty)_');
  });

  it('keeps formatting pairs in our sentences from forming, and leaves lone or in-word marks alone', () => {
    expect(prose('cert *bold* and _it_ ~gone~')).toBe('cert ∗bold∗ and ˍitˍ ∼gone∼');
    expect(prose('covers *.contoso.com only')).toBe('covers *.contoso.com only');
    expect(prose('Slack refused the message (msg_blocks_too_long)')).toBe('Slack refused the message (msg_blocks_too_long)');
    expect(prose('<!here> `x`')).toBe('&lt;!here&gt; ˋxˋ');
  });
});

describe('clip', () => {
  it('never cuts an entity or a surrogate pair in half', () => {
    expect(clip('abc&amp;def', 6)).toBe('abc…');
    expect(clip('ab😀cd', 4)).toBe('ab…');
    expect(clip('short', 10)).toBe('short');
  });
});
