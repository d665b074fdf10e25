import { run } from '../../src/cli/main';
import { reportMessage } from '../../src/slack/blocks/report-blocks';
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server';
import { visibleText } from '../helpers/slack-bot';

const servers: ScriptedServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function probe(port: number, ...extra: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await run(['probe', '127.0.0.1', String(port), '--timeout', '1500', ...extra], { out: (t) => out.push(t), err: () => undefined });
  return { code, out: out.join('') };
}

describe('one vocabulary of verdicts: a port that could not be assessed', () => {
  for (const [name, banner] of [
    ['the first line of a multi-line greeting', '220-mx.example.test ESMTP, please wait\r\n'],
    ['a greeting line without its end', '220 mx.example.test ESM'],
  ] as const) {
    it(`a tarpit that sent ${name}: UNKNOWN in the header, on the finding and in the exit status, titled for what was seen`, async () => {
      const tarpit = await startScriptedServer((socket) => socket.write(banner));
      servers.push(tarpit);
      const text = await probe(tarpit.port);
      expect(text.code).toBe(3);
      expect(text.out).toMatch(/^127\.0\.0\.1 {2}UNKNOWN/);
      expect(text.out).toContain(`UNKNOWN  smtp-not-testable  [ports ${tarpit.port}]  Port ${tarpit.port} could not be assessed: the greeting began but never completed`);
      expect(text.out).not.toMatch(/no greeting came|WARNING/);
      expect(text.out).toContain('the greeting began (220');

      const json = await probe(tarpit.port, '--json');
      const report = JSON.parse(json.out);
      expect(report.verdict).toBe('unknown');
      const slack = visibleText(reportMessage(report, { trigger: 'cli', actions: false }).blocks as never);
      expect(slack).toContain('❔ UNKNOWN');
      expect(slack).toContain('❔ Unknown · *Port');
      expect(slack).not.toMatch(/Warning/);
    });
  }

  it('a tarpit that sent nothing is still "no greeting came"', async () => {
    const silent = await startScriptedServer(() => undefined);
    servers.push(silent);
    const text = await probe(silent.port);
    expect(text.code).toBe(3);
    expect(text.out).toContain('could not be assessed: the connection was accepted but no greeting came');
  });
});
