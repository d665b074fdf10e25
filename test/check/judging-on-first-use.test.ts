import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { assertDistBuilt } from '../helpers/dist-build';
import { startSmtpServer, type RunningServer } from '../helpers/smtp-server';

const DIST = join(__dirname, '..', '..', 'dist');

// In a fresh process, as a pool worker loads it: the modules loaded after requiring check-target,
// then after one check. Prints JSON on stdout.
const SCRIPT = `
const dist = process.argv[1];
const port = Number(process.argv[2]);
const judging = () => Object.keys(require.cache)
  .filter((file) => /[\\\\/](diagnosis|report|node-forge)[\\\\/]|[\\\\/]certificate[\\\\/]analyze\\.js$/.test(file))
  .map((file) => file.slice(file.indexOf('dist') >= 0 ? file.lastIndexOf('dist') : file.indexOf('node_modules')));
const { checkTarget } = require(dist + '/check/check-target.js');
const { checkRequest } = require(dist + '/check/check-request.js');
const atStart = judging();
checkTarget(checkRequest('127.0.0.1', [port], { timeoutMs: 10000 })).then((report) => {
  process.stdout.write(JSON.stringify({ atStart, afterCheck: judging(), report }));
});
`;

function runFresh(port: number): Promise<{ atStart: string[]; afterCheck: string[]; report: { findings: { id: string }[]; ports: { certificate?: { selfSigned: boolean } }[] } }> {
  assertDistBuilt();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', SCRIPT, DIST, String(port)], { encoding: 'utf8', timeout: 30_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${err.message}\n${stderr}`));
      else resolve(JSON.parse(stdout));
    });
  });
}

let smtp: RunningServer;
beforeAll(async () => {
  smtp = await startSmtpServer({ name: 'mx.example.test' });
});
afterAll(() => smtp.close());

describe('checkTarget in a fresh process (a pool worker)', () => {
  it('loads certificate analysis, diagnosis and the report builder when the first check needs them, not before', async () => {
    const { atStart, afterCheck, report } = await runFresh(smtp.port);
    expect(atStart).toEqual([]);
    expect(afterCheck).toEqual(expect.arrayContaining([
      expect.stringMatching(/certificate[\\/]analyze\.js$/),
      expect.stringMatching(/diagnosis[\\/]diagnose\.js$/),
      expect.stringMatching(/report[\\/]build-report\.js$/),
      expect.stringMatching(/node-forge/),
    ]));
    expect(report.ports[0].certificate?.selfSigned).toBe(true);
    expect(report.findings.map((f) => f.id)).toContain('cert-self-signed');
  });
});
