import { run } from '../../src/cli/main';
import { blockKitViolations, unsafeMarkup } from '../helpers/block-kit-limits';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server';

const servers: RunningServer[] = [];

beforeAll(async () => {
  servers.push(await startSmtpServer({ size: 62423040, hideSTARTTLS: true, banner: '<!channel> ready' }));
  servers.push(await startSmtpServer({ size: 20971520 }));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('starttls probe --blocks', () => {
  it('prints exactly the { text, blocks } payload the bot would post, ready for Block Kit Builder', async () => {
    const out: string[] = [];
    const [a, b] = servers.map((s) => s.port);
    const code = await run(['probe', '127.0.0.1', String(a), String(b), '--blocks'], { out: (t) => out.push(t), err: () => undefined });
    expect(code).toBe(2);
    const payload = JSON.parse(out.join(''));
    expect(Object.keys(payload).sort()).toEqual(['blocks', 'text']);
    expect(payload.text).toMatch(/^CRITICAL 127\.0\.0\.1: \d+ findings?$/);
    expect(payload.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
    const all = JSON.stringify(payload.blocks);
    expect(all).toMatch(/≠ STARTTLS\s+–\s+✓/);
    expect(all).toContain('From the starttls CLI');
    expect(all).toContain('&lt;!channel&gt; ready');
    expect(payload.blocks.some((block: { type: string }) => block.type === 'actions')).toBe(true);
    expect(blockKitViolations(payload)).toEqual([]);
    expect(unsafeMarkup(payload)).toEqual([]);
  });
});
