import { execFileSync, spawn } from 'node:child_process';
import {
  accessSync,
  closeSync,
  chmodSync,
  chownSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import * as net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

/**
 * A private Postfix instance for tests and the bench: its own config, queue and data
 * directories under one temp dir, smtpd services on loopback ports, started
 * with `postfix -c DIR start` and stopped again. The system instance
 * (/etc/postfix, /var/spool/postfix) is neither needed nor touched: no
 * /etc/postfix/main.cf is required because `postfix -c` run by root accepts
 * any config directory (only set-gid commands such as postdrop check
 * alternate_config_directories, and nothing here uses them).
 *
 * Needs root (master binds and drops to mail_owner) and the Debian postfix
 * package, which `.ci/run` installs.
 */

/**
 * How a service treats STARTTLS:
 * - may: advertises STARTTLS and serves the certificate given to startPostfix;
 * - none: does not advertise STARTTLS;
 * - broken: advertises STARTTLS but its certificate files do not exist, so it
 *   answers `454 4.7.0 TLS not available due to local problem`.
 */
export type PostfixTls = 'may' | 'none' | 'broken';

export interface PostfixService {
  /** Key in `ports`; letters, digits, '-' and '_'. */
  name: string;
  tls: PostfixTls;
  /** Extra `-o name=value` overrides for this smtpd only. */
  options?: Record<string, string>;
}

export interface PostfixOptions {
  services: PostfixService[];
  /** Leaf first, then intermediates: what smtpd sends. Needed when a service has tls 'may'. */
  certPem?: string;
  keyPem?: string;
  /** Also the banner's host name: `220 <myhostname> ESMTP Postfix`. */
  myhostname?: string;
  /** Extra main.cf settings (appended last, so they win). */
  mainCf?: Record<string, string>;
  /** Bound on start-up until every port greets with 220. */
  startTimeoutMs?: number;
}

export interface RunningPostfix {
  /** Port of each service, by name; all on 127.0.0.1. */
  ports: Record<string, number>;
  /** Temp root holding etc/, queue/, data/ and maillog. */
  dir: string;
  configDir: string;
  /** Postfix's own log (maillog_file). */
  log(): string;
  /** Stop the instance, kill anything left and remove the temp dir. Idempotent. */
  stop(): Promise<void>;
}

const POSTFIX_CANDIDATES = ['/usr/sbin/postfix', '/usr/local/sbin/postfix'];
const DAEMON_DIRECTORY_CANDIDATES = ['/usr/lib/postfix/sbin', '/usr/libexec/postfix'];

/** The postfix command, or undefined when Postfix is not installed. */
export function postfixCommand(): string | undefined {
  const onPath = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((d) => path.join(d, 'postfix'));
  return [...POSTFIX_CANDIDATES, ...onPath].find(isExecutable);
}

/** Why startPostfix cannot work here, or undefined when it can be tried. */
export function postfixUnavailableReason(): string | undefined {
  if (process.platform !== 'linux') return `Postfix integration runs on Linux only (this is ${process.platform})`;
  const postfix = postfixCommand();
  if (!postfix) return 'Postfix is not installed (no postfix command in /usr/sbin or on PATH); `.ci/run` installs it with apt-get';
  if (process.getuid?.() !== 0) return `starting a private Postfix instance needs root, and this runs as ${userInfo().username}`;
  if (!DAEMON_DIRECTORY_CANDIDATES.some((d) => isExecutable(path.join(d, 'master')))) {
    return `Postfix's master daemon was not found in ${DAEMON_DIRECTORY_CANDIDATES.join(' or ')}`;
  }
  if (!userExists('postfix')) return 'the postfix system user does not exist (the postfix package creates it)';
  return undefined;
}

export function postfixAvailable(): boolean {
  return postfixUnavailableReason() === undefined;
}

/** Start a private Postfix instance with one smtpd per service on 127.0.0.1. */
export async function startPostfix(options: PostfixOptions): Promise<RunningPostfix> {
  const reason = postfixUnavailableReason();
  if (reason) throw new Error(`cannot start Postfix: ${reason}`);
  validate(options);
  // A port picked by binding 0 can be taken again before master binds it; try a few times.
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const instance = await createInstance(options);
    try {
      await instance.start();
      return instance.running;
    } catch (err) {
      const log = instance.running.log();
      await instance.running.stop();
      lastError = err;
      if (!/address already in use/i.test(log)) throw err;
    }
  }
  throw lastError;
}

function validate(options: PostfixOptions): void {
  if (options.services.length === 0) throw new Error('startPostfix needs at least one service');
  const names = new Set<string>();
  for (const s of options.services) {
    if (!/^[A-Za-z0-9_-]+$/.test(s.name)) throw new Error(`bad service name ${JSON.stringify(s.name)}`);
    if (names.has(s.name)) throw new Error(`duplicate service name ${s.name}`);
    names.add(s.name);
    for (const [k, v] of Object.entries(s.options ?? {})) {
      if (!/^[a-z0-9_]+$/.test(k) || /[{}\r\n]/.test(v)) throw new Error(`bad -o override ${k}=${v} for ${s.name}`);
    }
  }
  if (options.services.some((s) => s.tls === 'may') && !(options.certPem && options.keyPem)) {
    throw new Error("a service with tls 'may' needs certPem and keyPem");
  }
}

interface Instance {
  running: RunningPostfix;
  start(): Promise<void>;
}

async function createInstance(options: PostfixOptions): Promise<Instance> {
  const postfix = postfixCommand()!;
  const dir = mkdtempSync(path.join(tmpdir(), 'starttls-postfix-'));
  // Daemons run as the postfix user and must reach queue/ and data/ under it.
  chmodSync(dir, 0o755);
  const configDir = path.join(dir, 'etc');
  const queueDir = path.join(dir, 'queue');
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'maillog');
  const chainFile = path.join(configDir, 'smtpd-chain.pem');
  const { uid, gid } = postfixIds();
  for (const d of [configDir, queueDir, dataDir]) mkdirSync(d, { mode: 0o755 });
  chownSync(dataDir, uid, gid);
  writeFileSync(logFile, '', { mode: 0o644 });

  const ports = await freePorts(options.services.length);
  const portByName: Record<string, number> = {};
  options.services.forEach((s, i) => (portByName[s.name] = ports[i]));

  if (options.certPem && options.keyPem) {
    // smtpd_tls_chain_files: the key, then the certificate chain, leaf first.
    writeFileSync(chainFile, `${options.keyPem.trim()}\n${options.certPem.trim()}\n`, { mode: 0o600 });
  }

  const main: Record<string, string> = {
    compatibility_level: '3.6',
    config_directory: configDir,
    queue_directory: queueDir,
    data_directory: dataDir,
    mail_owner: 'postfix',
    setgid_group: 'postdrop',
    myhostname: options.myhostname ?? 'mx.postfix.test',
    mydomain: 'postfix.test',
    myorigin: '$myhostname',
    // Accept nothing for local delivery and look nothing up in /etc.
    mydestination: '',
    local_recipient_maps: '',
    alias_maps: '',
    alias_database: '',
    relayhost: '',
    mynetworks: '127.0.0.0/8',
    inet_interfaces: '127.0.0.1',
    inet_protocols: 'ipv4',
    smtpd_tls_security_level: 'none',
    smtpd_tls_loglevel: '1',
    smtpd_relay_restrictions: 'permit_mynetworks, reject_unauth_destination',
    biff: 'no',
    maillog_file: logFile,
    maillog_file_prefixes: dir,
    ...options.mainCf,
  };
  writeFileSync(
    path.join(configDir, 'main.cf'),
    `# Private test instance written by src/bench/postfix-instance.ts\n${Object.entries(main).map(([k, v]) => `${k} = ${v}`).join('\n')}\n`,
  );
  const smtpdLines = options.services.map((s) => {
    const o: Record<string, string> = { syslog_name: `postfix/${s.name}`, ...tlsOverrides(s.tls, chainFile), ...s.options };
    // `-o { name = value }` (Postfix 3.0+) lets a value contain spaces and commas.
    const lines = Object.entries(o).map(([k, v]) => (/[\s,]/.test(v) ? `  -o { ${k} = ${v} }` : `  -o ${k}=${v}`));
    return `127.0.0.1:${portByName[s.name]} inet n - n - - smtpd\n${lines.join('\n')}`;
  });
  writeFileSync(path.join(configDir, 'master.cf'), `${smtpdLines.join('\n')}\n${SUPPORT_SERVICES}`);

  let stopped = false;
  const env = { ...process.env, MAIL_CONFIG: configDir };
  const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const masterPid = (): number | undefined => {
    try {
      const pid = Number.parseInt(readFileSync(path.join(queueDir, 'pid', 'master.pid'), 'utf8').trim(), 10);
      return Number.isInteger(pid) && pid > 1 ? pid : undefined;
    } catch {
      return undefined;
    }
  };
  // Last resort if the test process dies without calling stop(): kill the instance's process group.
  const onExit = () => {
    const pid = masterPid();
    if (pid) killInstance(pid);
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  const running: RunningPostfix = {
    ports: portByName,
    dir,
    configDir,
    log,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', onExit);
      const pid = masterPid();
      if (pid && isAlive(pid)) {
        await postfixCmd(postfix, ['-c', configDir, 'stop'], { env, outFile: path.join(dir, 'stop.out'), log, timeoutMs: 20_000 }).catch(
          () => undefined,
        );
      }
      if (pid) killInstance(pid);
      rmSync(dir, { recursive: true, force: true });
    },
  };

  const start = async () => {
    // `postfix start` runs the integrity check first, which also creates the queue
    // subdirectories with the owners Postfix expects (post-install create-missing).
    await postfixCmd(postfix, ['-c', configDir, 'start'], { env, outFile: path.join(dir, 'start.out'), log });
    const deadline = Date.now() + (options.startTimeoutMs ?? 20_000);
    for (const s of options.services) {
      await waitForGreeting(portByName[s.name], deadline, () => {
        const pid = masterPid();
        return pid !== undefined && isAlive(pid);
      }).catch((err: Error) => {
        throw new Error(`Postfix service ${s.name} (127.0.0.1:${portByName[s.name]}) did not greet: ${err.message}\n${logTail(log())}`);
      });
    }
  };
  return { running, start };
}

function tlsOverrides(tls: PostfixTls, chainFile: string): Record<string, string> {
  switch (tls) {
    case 'may':
      return { smtpd_tls_security_level: 'may', smtpd_tls_chain_files: chainFile };
    case 'none':
      return { smtpd_tls_security_level: 'none' };
    case 'broken':
      return { smtpd_tls_security_level: 'may', smtpd_tls_cert_file: '/nonexistent/cert.pem', smtpd_tls_key_file: '/nonexistent/key.pem' };
  }
}

/** The services smtpd talks to, as in Debian's master.cf but without chroot. */
const SUPPORT_SERVICES = `pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
`;

/**
 * Run a postfix command with its output going to a file, not a pipe: `postfix
 * start` leaves its integrity checks running in the background holding
 * whatever stdout/stderr it was given, and waiting for a pipe to close would
 * wait for them too. Resolves with the output; rejects (output and log tail
 * in the message) on a non-zero exit or after timeoutMs.
 */
function postfixCmd(postfix: string, args: string[], opts: { env: NodeJS.ProcessEnv; outFile: string; log: () => string; timeoutMs?: number }): Promise<string> {
  const command = `${postfix} ${args.join(' ')}`;
  const fd = openSync(opts.outFile, 'w');
  const output = () => (existsSync(opts.outFile) ? readFileSync(opts.outFile, 'utf8').trim() : '');
  return new Promise<string>((resolve, reject) => {
    const child = spawn(postfix, args, { env: opts.env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    const fail = (why: string) => reject(new Error(`\`${command}\` ${why}\n${output()}\n${logTail(opts.log())}`));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(`did not finish within ${opts.timeoutMs ?? 60_000} ms`);
    }, opts.timeoutMs ?? 60_000);
    child.once('error', (err) => {
      clearTimeout(timer);
      fail(`could not be run: ${err.message}`);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output());
      else fail(`exited with ${code ?? signal}`);
    });
  });
}

/** Poll until the port answers with a 220 greeting (then say QUIT), bounded by deadline. */
async function waitForGreeting(port: number, deadline: number, masterAlive: () => boolean): Promise<void> {
  let last = 'no attempt';
  while (Date.now() < deadline) {
    if (!masterAlive()) throw new Error('the master process is not running');
    last = await greetingOnce(port, Math.max(100, Math.min(5000, deadline - Date.now())));
    if (last === 'ok') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no 220 greeting before the deadline (last attempt: ${last})`);
}

function greetingOnce(port: number, timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let buffer = '';
    const done = (result: string) => {
      clearTimeout(timer);
      socket.removeAllListeners('data');
      if (result === 'ok') socket.end('QUIT\r\n');
      else socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done(`timed out after ${timeoutMs} ms`), timeoutMs);
    socket.on('error', (err) => done(err.message));
    socket.on('close', () => done(buffer ? `closed after ${JSON.stringify(buffer)}` : 'closed without a greeting'));
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      const nl = buffer.indexOf('\n');
      if (nl < 0) return;
      const line = buffer.slice(0, nl);
      done(/^220 /.test(line) ? 'ok' : `greeting was ${JSON.stringify(line)}`);
    });
  });
}

/** Distinct loopback ports the kernel had free a moment ago. */
async function freePorts(count: number): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
      });
    }
    return servers.map((s) => (s.address() as net.AddressInfo).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  }
}

function postfixIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postfix'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function userExists(name: string): boolean {
  try {
    execFileSync('id', ['-u', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * SIGKILL this instance's master and whatever is left in its process group
 * (master calls setsid, so its children share its pid as group id), checking
 * each process really is a Postfix program before killing it.
 */
function killInstance(masterPid: number): void {
  const victims = new Set<number>();
  if (isPostfixProcess(masterPid)) victims.add(masterPid);
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    // No /proc: nothing more we can check safely.
  }
  for (const entry of entries) {
    const pid = Number(entry);
    if (processGroup(pid) === masterPid && isPostfixProcess(pid)) victims.add(pid);
  }
  for (const pid of victims) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

function processGroup(pid: number): number | undefined {
  try {
    // Fields after the parenthesised command: state ppid pgrp ...
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
  } catch {
    return undefined;
  }
}

function isPostfixProcess(pid: number): boolean {
  try {
    const exe = readlinkSync(`/proc/${pid}/exe`);
    return DAEMON_DIRECTORY_CANDIDATES.some((d) => exe.startsWith(`${d}/`));
  } catch {
    return false;
  }
}

function logTail(log: string, lines = 40): string {
  const tail = log.trimEnd().split('\n').slice(-lines).join('\n');
  return tail ? `--- last lines of the Postfix log ---\n${tail}` : '(the Postfix log is empty)';
}
