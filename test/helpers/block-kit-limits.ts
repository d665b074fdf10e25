import { messageTexts } from './mrkdwn-code';

/**
 * An independent check of Slack's Block Kit limits (numbers from the Block Kit
 * reference, written out here rather than imported so a wrong constant in src is caught).
 */
interface Message {
  text?: string;
  blocks: unknown[];
}

type Json = Record<string, unknown>;

export function blockKitViolations(message: Message, surface: 'message' | 'view' = 'message'): string[] {
  const problems: string[] = [];
  const maxBlocks = surface === 'message' ? 50 : 100;
  if (message.blocks.length > maxBlocks) problems.push(`${message.blocks.length} blocks > ${maxBlocks}`);
  if (surface === 'message' && allText(message.blocks) > 10_000) problems.push(`block text ${allText(message.blocks)} > 10000`);
  if (message.blocks.filter((b) => (b as Json).type === 'table').length > 1) problems.push('more than one table');
  message.blocks.forEach((b, i) => problems.push(...blockViolations(b as Json).map((p) => `block ${i} (${(b as Json).type}): ${p}`)));
  return problems;
}

function textOf(obj: unknown): string {
  return typeof obj === 'object' && obj !== null && typeof (obj as Json).text === 'string' ? ((obj as Json).text as string) : '';
}

function lengthCheck(what: string, text: string, max: number, min = 1): string[] {
  const out: string[] = [];
  if (text.length > max) out.push(`${what} length ${text.length} > ${max}`);
  if (text.length < min) out.push(`${what} is empty`);
  if (((text.match(/```/g) ?? []).length) % 2 !== 0) out.push(`${what} has an unbalanced code fence`);
  return out;
}

function blockViolations(b: Json): string[] {
  const out: string[] = [];
  if (typeof b.block_id === 'string' && b.block_id.length > 255) out.push('block_id > 255');
  switch (b.type) {
    case 'header':
      out.push(...lengthCheck('header text', textOf(b.text), 150));
      break;
    case 'section': {
      const fields = (b.fields as unknown[] | undefined) ?? [];
      if (b.text === undefined && fields.length === 0) out.push('section without text or fields');
      if (b.text !== undefined) out.push(...lengthCheck('section text', textOf(b.text), 3000));
      if (fields.length > 10) out.push(`${fields.length} fields > 10`);
      fields.forEach((f, i) => out.push(...lengthCheck(`field ${i}`, textOf(f), 2000)));
      break;
    }
    case 'context': {
      const elements = b.elements as unknown[];
      if (elements.length > 10) out.push(`${elements.length} context elements > 10`);
      elements.forEach((e, i) => out.push(...lengthCheck(`context element ${i}`, textOf(e), 3000)));
      break;
    }
    case 'actions': {
      const elements = b.elements as Json[];
      if (elements.length > 25) out.push(`${elements.length} actions > 25`);
      for (const e of elements) {
        out.push(...lengthCheck('button text', textOf(e.text), 75));
        if (typeof e.value === 'string' && e.value.length > 2000) out.push('button value > 2000');
        if (typeof e.action_id === 'string' && e.action_id.length > 255) out.push('action_id > 255');
      }
      break;
    }
    case 'divider':
      break;
    default:
      out.push(`unexpected block type ${String(b.type)}`);
  }
  return out;
}

function allText(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + allText(v), 0);
  if (value === null || typeof value !== 'object') return 0;
  return Object.entries(value).reduce((n, [k, v]) => n + (k === 'text' && typeof v === 'string' ? v.length : allText(v)), 0);
}

/** Server-supplied markup that must never survive into a message: mentions, links, the fake mention, hidden characters. */
export function unsafeMarkup(message: Message): string[] {
  const texts = messageTexts(message);
  const bad = [/<!channel/, /<!here/, /<!everyone/, /<https?:/, /<@U999/, /```break/, /[\u202e\u0007]/];
  return texts.flatMap((t) => bad.filter((re) => re.test(t)).map((re) => `${re} in ${JSON.stringify(t.slice(0, 120))}`));
}
