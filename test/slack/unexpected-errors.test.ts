import type { Checker } from '../../src/check/checker';
import { WorkerFileMissingError } from '../../src/execution/errors';
import { startTestBot, visibleText, type TestBot } from '../helpers/slack-bot';

/** Would only be in Slack if an internal message leaked: a path, a library's words, a token-looking string. */
const INTERNAL = 'ECONNRESET in /srv/starttls/node_modules/worker.js xoxb-not-for-slack';

describe('an error not meant for the person who asked', () => {
  let t: TestBot;
  let fail: () => Error;
  const failing: Checker = async () => {
    throw fail();
  };

  beforeAll(async () => {
    t = await startTestBot({ STARTTLS_ALLOWED_PORTS: '2525' }, failing);
  });
  afterAll(() => t.stop());

  it.each([
    ['an unexpected Error', () => new Error(INTERNAL)],
    ['a StarttlsError that is not user-visible', () => new WorkerFileMissingError([INTERNAL])],
  ])('never reaches Slack text (%s): the person reads that something went wrong, the log has the detail', async (name, make) => {
    fail = make;
    const id = `unexpected-${name}`;
    await t.command('127.0.0.1 2525', { responseId: id });
    const answer = await t.slack.waitFor('the ephemeral answer', () => t.slack.responses.find((r) => r.id === id));
    await t.bot.idle();
    const progress = t.slack.callsOf('chat.postMessage').at(-1)!;
    const marked = t.slack.callsOf('chat.update').filter((c) => c.body.ts === t.slack.tsOf(progress));

    expect(visibleText(answer.body.blocks)).toContain("something went wrong on the bot's side; the details are in its logs");
    expect(marked.map((c) => visibleText(c.body.blocks))).toEqual([expect.stringContaining("The check did not finish: something went wrong on the bot's side")]);
    const everythingSlackGot = JSON.stringify([t.slack.calls.map((c) => c.body), t.slack.responses.map((r) => r.body)]);
    expect(everythingSlackGot).not.toContain('ECONNRESET');
    expect(everythingSlackGot).not.toContain('xoxb-not-for-slack');
    const failed = t.logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request failed');
    expect(failed.at(-1).err.message).toContain('ECONNRESET in /srv/starttls/node_modules/worker.js');
  });
});
