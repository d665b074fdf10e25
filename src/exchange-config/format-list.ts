/**
 * Splits PowerShell `Format-List` text into blocks of `Name : Value` properties.
 *
 * Format-List pads names to a column, prints one property a line, separates objects with a
 * blank line and wraps long values onto lines indented to the value column. Pastes arrive
 * damaged: the first name cut, indentation lost, prose glued on. Whatever is not a property,
 * a continuation or a blank line ends the current block and is skipped.
 */

export interface FormatListProperty {
  name: string;
  value: string;
  /** 1-based line of the property name. */
  line: number;
}

export interface FormatListBlock {
  properties: FormatListProperty[];
}

export interface FormatListParse {
  blocks: FormatListBlock[];
  notes: string[];
}

export const FORMAT_LIST_LIMITS = {
  /** Characters read; a paste of Exchange output is far below this. */
  maxChars: 2_000_000,
  maxLines: 100_000,
  maxBlocks: 1_000,
  maxPropertiesPerBlock: 400,
  maxValueChars: 16_384,
} as const;

// A name starts the line, then at least one space, the colon, then a space or the end of the
// line. The space before the colon keeps prose ("Note: ...") and URLs ("https://") out.
const PROPERTY = /^([A-Za-z][A-Za-z0-9_]{0,79})[ \t]+:(?=[ \t]|$)[ \t]?/;
const HEAD_CHARS = 128;

interface OpenProperty {
  property: FormatListProperty;
  valueColumn: number;
  cut: boolean;
  /** The value opened a `{...}` collection that no line has closed yet. */
  unclosed: boolean;
}

export function parseFormatList(text: string): FormatListParse {
  const limits = FORMAT_LIST_LIMITS;
  const notes: string[] = [];
  let input = text;
  if (input.length > limits.maxChars) {
    input = input.slice(0, limits.maxChars);
    notes.push(`Only the first ${limits.maxChars.toLocaleString('en-US')} characters were read.`);
  }
  const lines = input.split(/\r\n|\r|\n/);
  if (lines.length > limits.maxLines) {
    lines.length = limits.maxLines;
    notes.push(`Only the first ${limits.maxLines.toLocaleString('en-US')} lines were read.`);
  }

  const blocks: FormatListBlock[] = [];
  let current: FormatListProperty[] | undefined;
  let open: OpenProperty | undefined;
  let cutValues = 0;
  let droppedProperties = 0;
  let full = false;

  const close = () => {
    if (open?.cut) cutValues++;
    open = undefined;
    if (current && current.length > 0) {
      if (blocks.length < limits.maxBlocks) blocks.push({ properties: current });
      else full = true;
    }
    current = undefined;
  };

  for (let i = 0; i < lines.length && !full; i++) {
    const line = withoutCodeFence(lines[i]);
    if (line.trim() === '') {
      close();
      continue;
    }
    const match = PROPERTY.exec(line.slice(0, HEAD_CHARS));
    const indented = line[0] === ' ' || line[0] === '\t';
    if (open && (indented || (!match && open.unclosed))) {
      appendContinuation(open, line);
      continue;
    }
    if (!match) {
      close();
      continue;
    }
    const name = match[1];
    // A repeated name without a blank line in between: the blank lines were lost, a new object starts.
    if (current?.some((p) => p.name.toLowerCase() === name.toLowerCase())) close();
    if (open?.cut) cutValues++;
    current ??= [];
    if (current.length >= limits.maxPropertiesPerBlock) {
      droppedProperties++;
      open = undefined;
      continue;
    }
    const property = { name, value: '', line: i + 1 };
    current.push(property);
    const value = line.slice(match[0].length);
    open = { property, valueColumn: match[0].length, cut: false, unclosed: false };
    setValue(open, value);
    open.unclosed = value.startsWith('{') && !value.includes('}');
  }
  close();

  if (full) notes.push(`Only the first ${limits.maxBlocks} objects were read.`);
  if (cutValues > 0) notes.push(`${cutValues} value(s) longer than ${limits.maxValueChars} characters were cut.`);
  if (droppedProperties > 0) notes.push(`${droppedProperties} property line(s) beyond ${limits.maxPropertiesPerBlock} per object were skipped.`);
  return { blocks, notes };
}

/** Pastes from chat often sit in ``` fences, sometimes on the first and last property line. */
function withoutCodeFence(line: string): string {
  let l = line;
  if (l.startsWith('```')) l = l.slice(3);
  if (l.endsWith('```')) l = l.slice(0, -3);
  return l;
}

function appendContinuation(open: OpenProperty, line: string): void {
  if (open.cut) return;
  if (line.includes('}')) open.unclosed = false;
  // Strip the indentation up to the value column; anything beyond it belongs to the value.
  let start = 0;
  while (start < line.length && start < open.valueColumn && (line[start] === ' ' || line[start] === '\t')) start++;
  setValue(open, open.property.value + line.slice(start));
}

function setValue(open: OpenProperty, value: string): void {
  const max = FORMAT_LIST_LIMITS.maxValueChars;
  if (value.length > max) {
    open.property.value = value.slice(0, max);
    open.cut = true;
  } else {
    open.property.value = value;
  }
}

/** Property values by lower-case name, the last one winning; PowerShell names are case-insensitive. */
export function propertyMap(block: FormatListBlock): Map<string, string> {
  const map = new Map<string, string>();
  for (const p of block.properties) map.set(p.name.toLowerCase(), p.value.trim());
  return map;
}
