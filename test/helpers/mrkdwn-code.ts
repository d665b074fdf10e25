/** Every text string of a message (blocks, fields, context elements, the fallback text). */
export function messageTexts(message: { text?: string; blocks: unknown[] }): string[] {
  const texts: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (k === 'text' && typeof x === 'string' ? texts.push(x) : walk(x));
  };
  walk(message.blocks);
  if (message.text) texts.push(message.text);
  return texts;
}

/** The parts of a mrkdwn string outside code blocks and code spans: where Slack applies formatting. */
export function outsideCode(text: string): string {
  return text.replace(/```[\s\S]*?```/g, ' ').replace(/`[^`\n]*`/g, ' ');
}

/** The code spans and code blocks of a mrkdwn string, backticks removed. */
export function codeParts(text: string): string[] {
  return [...text.matchAll(/```([\s\S]*?)```|`([^`\n]*)`/g)].map((m) => m[1] ?? m[2]);
}
