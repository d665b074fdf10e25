import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertDistBuilt } from '../helpers/dist-build';
import { signedHeaders } from '../helpers/slack-signature';
import { startSlackStandIn, type SlackStandIn } from '../helpers/slack-api-stand-in';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server';

const TOKEN = 'xoxb-9999-8888-mainprocesstokenvalue';
const SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

/** `npm start` as a real process: dotenv-style environment, worker pool, SQLite data directory, HTTP mode. */
describe('the bot process (dist/slack/main.js)', () => {
  let slack: SlackStandIn;
  let smtp: RunningServer;
  let child: ChildProcess;
  let stderr = '';
  let dataDir: string;
  let url: string;

  beforeAll(async () => {
    assertDistBuilt();
    slack = await startSlackStandIn();
    smtp = await startSmtpServer({ name: 'process.example.test', hideSTARTTLS: true });
    dataDir = mkdtempSync(join(tmpdir(), 'starttls-main-'));
    child = spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'slack', 'main.js')], {
      cwd: dataDir,
      env: {
        PATH: process.env.PATH,
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: '0',
        HOST: '127.0.0.1',
        STARTTLS_DATA_DIR: dataDir,
        STARTTLS_ALLOWED_TARGETS: '127.0.0.1',
        STARTTLS_ALLOWED_PORTS: String(smtp.port),
        REPLICA_ID: 'process-1',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.on('data', (d) => (stderr += d));
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bot did not start: ${stderr}`)), 20_000);
      child.stderr!.on('data', () => {
        const m = /"port":(\d+)/.exec(stderr);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
    });
    url = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      child.kill('SIGKILL');
    }
    await Promise.all([slack.close(), smtp.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the health check', async () => {
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
  });

  it('acknowledges a signed /starttls and posts the report it probed in a worker', async () => {
    const body = new URLSearchParams({
      command: '/starttls',
      text: `127.0.0.1 ${smtp.port}`,
      user_id: 'U0PROCESS1',
      channel_id: 'C0PROCESS1',
      team_id: 'T0PROCESS1',
      trigger_id: 'trigger-main-process',
      response_url: slack.responseUrl('main-process'),
    }).toString();
    const res = await fetch(`${url}/slack/events`, { method: 'POST', headers: signedHeaders(SECRET, body), body });
    expect(res.status).toBe(200);
    const update = await slack.waitFor('the report', () =>
      slack.callsOf('chat.update').find((c) => JSON.stringify(c.body.blocks ?? '').includes('STARTTLS not advertised')),
    );
    expect(JSON.stringify(update.body.blocks)).toContain(String(smtp.port));
  });

  it('is ready once Slack accepted its token and the store answers', async () => {
    const res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ready: true, checks: { slack: 'ok', store: 'ok' } });
    expect(slack.callsOf('auth.test')).toHaveLength(1);
  });

  it('serves Prometheus metrics on the same port: the check it ran, the Slack calls it made, its replica id', async () => {
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/^starttls_checks_total\{verdict="(ok|warning|critical|unknown)"\} 1$/m);
    expect(text).toMatch(/^starttls_findings_total\{finding="starttls-not-advertised",severity="\w+"\} 1$/m);
    expect(text).toMatch(/^starttls_probe_step_duration_seconds_count\{step="greeting"\} 1$/m);
    expect(text).toMatch(/^starttls_slack_api_calls_total\{method="auth.test",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^starttls_slack_api_calls_total\{method="chat.update",outcome="ok"\} \d+$/m);
    expect(text).toMatch(/^starttls_pool_running 0$/m);
    expect(text).toMatch(/^starttls_watch_schedule_lag_seconds 0$/m);
    expect(text).toMatch(/^starttls_outbox_backlog 0$/m);
    expect(text).toMatch(/^starttls_ready\{check="slack"\} 1$/m);
    expect(text).toMatch(/^starttls_ready\{check="store"\} 1$/m);
    expect(text).toMatch(/^starttls_replica_info\{replica="process-1"\} 1$/m);
    expect(text).toMatch(/^starttls_process_resident_memory_bytes \d+$/m);
  });

  it('puts its replica id on every log line', () => {
    const lines = stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.every((l) => l.replica === 'process-1')).toBe(true);
  });

  it('never writes its token or signing secret to the log', () => {
    expect(stderr).not.toContain(TOKEN);
    expect(stderr).not.toContain(SECRET);
  });
});
