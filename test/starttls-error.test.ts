import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PoolBusyError } from '../src/check/checker';
import { isUserVisible, StarttlsError } from '../src/starttls-error';
import { TargetError } from '../src/check/parse-target';

const root = join(__dirname, '..');
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sourceFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []));
}

/** Modules that declare an error class; only these are loaded (others start servers or workers). */
const errorModules = sourceFiles(src).filter((f) => /\bclass \w+ extends \w*Error\b/.test(readFileSync(f, 'utf8')));
/** The abstract bases, which have no codes of their own. */
const bases = join(src, 'starttls-error.ts');

type ErrorClass = (abstract new (...args: never[]) => Error) & { codes?: readonly string[] };

async function exportedErrorClasses(): Promise<Map<string, ErrorClass>> {
  const classes = new Map<string, ErrorClass>();
  for (const file of errorModules.filter((f) => f !== bases)) {
    for (const value of Object.values((await import(file)) as Record<string, unknown>)) {
      if (typeof value === 'function' && value.prototype instanceof Error) classes.set(value.name, value as ErrorClass);
    }
  }
  return classes;
}

describe('the error family', () => {
  let classes: Map<string, ErrorClass>;
  beforeAll(async () => {
    classes = await exportedErrorClasses();
  });

  it('finds the product error classes', () => {
    expect(classes.size).toBeGreaterThanOrEqual(20);
  });

  it('has no class extending Error directly but the base', () => {
    const direct = errorModules.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bclass (\w+) extends Error\b/g)].map((m) => `${relative(root, f)}: ${m[1]}`));
    expect(direct).toEqual(['src/starttls-error.ts: StarttlsError']);
  });

  it('makes every exported error class a StarttlsError with codes of its own', () => {
    for (const [name, cls] of classes) {
      expect({ name, isStarttlsError: cls.prototype instanceof StarttlsError }).toEqual({ name, isStarttlsError: true });
      expect({ name, hasOwnCodes: Object.hasOwn(cls, 'codes') && cls.codes!.length > 0 }).toEqual({ name, hasOwnCodes: true });
      for (const code of cls.codes!) expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/);
    }
  });

  it('gives each code to one class only', () => {
    const owners = new Map<string, string[]>();
    for (const [name, cls] of classes) for (const code of cls.codes ?? []) owners.set(code, [...(owners.get(code) ?? []), name]);
    expect([...owners].filter(([, names]) => names.length > 1)).toEqual([]);
  });

  it('lists every class and code in docs/errors.md', () => {
    const doc = readFileSync(join(root, 'docs', 'errors.md'), 'utf8');
    for (const [name, cls] of classes) {
      expect(doc).toContain(`\`${name}\``);
      for (const code of cls.codes!) expect(doc).toContain(`\`${code}\``);
    }
  });

  it('names an error after its class and tells user-visible ones apart', () => {
    const target = new TargetError('TARGET_BAD_HOST', 'not a host name or IP address');
    expect([target.name, target.code, isUserVisible(target), target.userMessage]).toEqual(['TargetError', 'TARGET_BAD_HOST', true, 'not a host name or IP address']);
    const busy = new PoolBusyError(3);
    expect([busy.name, busy.message, busy.userMessage]).toEqual(['PoolBusyError', 'the check queue is full (3 waiting): busy, try again shortly', 'the bot is busy with other checks right now: try again in a minute']);
    expect(isUserVisible(new Error('internal'))).toBe(false);
  });
});
