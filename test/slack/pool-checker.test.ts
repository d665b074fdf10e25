import { CheckPool } from '../../src/execution/check-pool';
import { assertDistBuilt } from '../helpers/dist-build';
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server';
import { startTestBot, visibleText, type TestBot } from '../helpers/slack-bot';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server';

describe('/starttls through the worker pool', () => {
  let smtp: RunningServer;
  let tarpit: ScriptedServer;
  let pool: CheckPool;
  let t: TestBot;

  beforeAll(async () => {
    assertDistBuilt();
    smtp = await startSmtpServer({ name: 'pooled.example.test', hideSTARTTLS: true });
    tarpit = await startScriptedServer(() => undefined);
    // One check at a time and no queue: a second command while the tarpit holds the slot is refused.
    pool = new CheckPool({ concurrency: 1, maxQueue: 0, threads: 1 });
    t = await startTestBot({ STARTTLS_ALLOWED_PORTS: `${smtp.port},${tarpit.port}` }, pool.check);
  });
  afterAll(async () => {
    await pool.close({ cancel: true });
    await t.stop();
    await Promise.all([smtp.close(), tarpit.close()]);
  });

  it('posts the report of a check that ran in a worker thread', async () => {
    await t.command(`127.0.0.1 ${smtp.port}`);
    const update = await t.slack.waitFor('final report', () =>
      t.slack.callsOf('chat.update').find((c) => visibleText(c.body.blocks).includes('STARTTLS not advertised')),
    );
    expect(visibleText(update.body.blocks)).toContain(`${smtp.port}`);
  });

  it('tells the person the bot is busy when the pool queue is full, instead of waiting', async () => {
    await t.command(`127.0.0.1 ${tarpit.port}`, { responseId: 'first', triggerId: 'busy-1' });
    await t.slack.waitFor('first progress message', () => t.slack.callsOf('chat.postMessage').length >= 2);
    await t.command(`127.0.0.1 ${smtp.port}`, { responseId: 'second', triggerId: 'busy-2' });
    const answer = await t.slack.waitFor('busy answer', () => t.slack.responses.find((r) => r.id === 'second'));
    expect(answer.body.response_type).toBe('ephemeral');
    expect(visibleText(answer.body.blocks)).toContain('the bot is busy with other checks right now: try again in a minute');
  });
});
