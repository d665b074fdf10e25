import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

/**
 * A private Exim instance for tests: its own configuration, spool and log under one temp dir, one
 * SMTP listener on a free 127.0.0.1 port, started in the foreground (`exim -C CONF -bdf`) and
 * killed again. The system's Exim configuration is neither needed nor touched.
 *
 * Debian's exim4-daemon-light conflicts with Postfix (both are "the" MTA), so `.ci/run` unpacks
 * the package instead of installing it and names the binary in EXIM_BINARY. Needs root (Exim
 * insists that a -C configuration is owned by root) and the Debian-exim user Exim was built for.
 */

export interface EximOptions {
  /** Leaf first, then intermediates. */
  certPem: string;
  keyPem: string;
  /** primary_hostname, and so the banner's name. */
  hostname: string;
  startTimeoutMs?: number;
}

export interface RunningExim {
  port: number;
  dir: string;
  /** Exim's main and panic logs. */
  log(): string;
  stop(): Promise<void>;
}

const CANDIDATES = ['/usr/sbin/exim4', '/usr/sbin/exim', '/opt/starttls-ci/exim/usr/sbin/exim4'];

export function eximCommand(): string | undefined {
  const fromEnv = process.env.EXIM_BINARY;
  return [...(fromEnv ? [fromEnv] : []), ...CANDIDATES].find(isExecutable);
}

/** Why startExim cannot work here, or undefined when it can be tried. */
export function eximUnavailableReason(): string | undefined {
  if (process.platform !== 'linux') return `the Exim integration runs on Linux only (this is ${process.platform})`;
  const exim = eximCommand();
  if (!exim) return 'Exim is not installed (no exim4 in /usr/sbin, /opt/starttls-ci/exim or EXIM_BINARY); `.ci/run` unpacks exim4-daemon-light';
  if (process.getuid?.() !== 0) return `starting a private Exim instance needs root, and this runs as ${userInfo().username}`;
  try {
    const version = execFileSync(exim, ['-bV'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 });
    if (!/Exim version/.test(version)) return `\`${exim} -bV\` did not print a version`;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    const said = `${e.stdout ?? ''}${e.stderr ?? ''}`.trim().split('\n').find((l) => !/non-existent configuration/.test(l)) ?? e.message;
    // -bV without a configuration still prints the version; a failure is about the binary or its user.
    if (!/Exim version/.test(`${e.stdout ?? ''}`)) return `\`${exim} -bV\` failed: ${said}`;
  }
  return undefined;
}

export async function startExim(options: EximOptions): Promise<RunningExim> {
  const reason = eximUnavailableReason();
  if (reason) throw new Error(`cannot start Exim: ${reason}`);
  let lastError: unknown;
  // A port picked by binding 0 can be taken again before Exim binds it; try a few times.
  for (let attempt = 1; attempt <= 3; attempt++) {
    const instance = await launch(options);
    try {
      await waitForGreeting(instance, Date.now() + (options.startTimeoutMs ?? 20_000));
      return instance.running;
    } catch (err) {
      const log = instance.running.log();
      await instance.running.stop();
      lastError = err instanceof Error ? new Error(`${err.message}\n--- Exim said ---\n${log}`) : err;
      if (!/address already in use/i.test(log)) break;
    }
  }
  throw lastError;
}

interface Launched {
  running: RunningExim;
  child: ChildProcess;
  exited: () => boolean;
}

async function launch(options: EximOptions): Promise<Launched> {
  const exim = eximCommand()!;
  const dir = mkdtempSync(path.join(tmpdir(), 'starttls-exim-'));
  chmodSync(dir, 0o755);
  const spool = path.join(dir, 'spool');
  const logs = path.join(dir, 'log');
  // Exim writes both as its own user after dropping root; these are throwaway directories.
  for (const d of [spool, logs]) {
    mkdirSync(d);
    chmodSync(d, 0o777);
  }
  writeFileSync(path.join(dir, 'cert.pem'), options.certPem, { mode: 0o644 });
  writeFileSync(path.join(dir, 'key.pem'), options.keyPem, { mode: 0o644 });
  const port = await freePort();
  const config = [
    '# Private test instance written by test/helpers/exim-instance.ts',
    `primary_hostname = ${options.hostname}`,
    `spool_directory = ${spool}`,
    `log_file_path = ${logs}/%slog`,
    `pid_file_path = ${dir}/exim.pid`,
    'local_interfaces = 127.0.0.1',
    `daemon_smtp_ports = ${port}`,
    `tls_certificate = ${dir}/cert.pem`,
    `tls_privatekey = ${dir}/key.pem`,
    'tls_advertise_hosts = *',
    'keep_environment =',
    'acl_smtp_rcpt = refuse_all',
    'begin acl',
    'refuse_all:',
    '  deny message = this test instance accepts no mail',
    '',
  ].join('\n');
  const configFile = path.join(dir, 'exim.conf');
  // Exim refuses a -C configuration that is not owned by root or that others may write.
  writeFileSync(configFile, config, { mode: 0o644 });
  const outFile = path.join(dir, 'exim.out');
  const out = openSync(outFile, 'a');
  const child = spawn(exim, ['-C', configFile, '-bdf', '-oX', String(port)], { stdio: ['ignore', out, out] });
  closeSync(out);
  let exited = false;
  child.on('exit', () => (exited = true));
  child.on('error', () => (exited = true));
  const log = () =>
    [outFile, ...safeList(logs).map((f) => path.join(logs, f))]
      .map((f) => {
        try {
          return readFileSync(f, 'utf8');
        } catch {
          return '';
        }
      })
      .join('');
  const stop = async () => {
    if (!exited) {
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (!exited) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return { running: { port, dir, log, stop }, child, exited: () => exited };
}

async function waitForGreeting(instance: Launched, deadline: number): Promise<void> {
  for (;;) {
    if (instance.exited()) throw new Error('Exim exited during start-up');
    if (Date.now() > deadline) throw new Error('Exim did not greet on its port in time');
    if (/^220 /.test(await greetingOnce(instance.running.port).catch(() => ''))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function greetingOnce(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => done(new Error('no greeting')), 2000);
    let text = '';
    const done = (err?: Error) => {
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(text);
    };
    socket.on('data', (d) => {
      text += d.toString('latin1');
      if (text.includes('\n')) {
        socket.write('QUIT\r\n');
        done();
      }
    });
    socket.on('error', (e) => done(e));
    socket.on('close', () => done(new Error('closed before the greeting')));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
