import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } };

describe('README', () => {
  it('maps every source folder, and only existing ones', () => {
    const folders = readdirSync(join(root, 'src'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => `src/${d.name}/`);
    const mapped = [...readme.matchAll(/^\| `(src\/[a-z-]+\/)` \|/gm)].map((m) => m[1]);
    expect(mapped.sort()).toEqual(folders.sort());
  });

  it('links every page under docs/, and each link resolves', () => {
    const pages = readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
    const links = new Set([...readme.matchAll(/\]\(((?:docs\/)?[^)#:]+)\)/g)].map((m) => m[1]));
    for (const page of pages) expect(links).toContain(page);
    for (const link of links) expect(() => readFileSync(join(root, link))).not.toThrow();
  });

  it('states the Node version the engines field requires', () => {
    const version = /^>=(\d+\.\d+\.\d+)$/.exec(pkg.engines.node)?.[1];
    expect(version).toBeDefined();
    expect(readme).toContain(`Node.js ${version} or later`);
  });
});
