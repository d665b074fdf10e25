import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

/** A bench helper process (compiled module beside this one), spoken to over IPC. */
export class Child {
  private readonly process: ChildProcess;
  private readonly waiting: { type: string; resolve: (m: unknown) => void; reject: (err: Error) => void }[] = [];

  constructor(module: string, args: string[] = []) {
    this.process = fork(path.join(__dirname, module), args, { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    this.process.on('message', (m: { type: string }) => {
      const i = this.waiting.findIndex((w) => w.type === m.type);
      if (i >= 0) this.waiting.splice(i, 1)[0].resolve(m);
    });
    this.process.on('error', () => undefined);
    this.process.on('exit', (code, signal) => {
      for (const w of this.waiting.splice(0)) w.reject(new Error(`bench: ${module} exited (${code ?? signal}) before sending '${w.type}'`));
    });
  }

  send(message: object): void {
    if (this.process.connected) this.process.send(message);
  }

  /** The next message of this type, or an error after timeoutMs. */
  next<T>(type: string, timeoutMs = 30_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`bench: no '${type}' from child within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.push({ type, resolve: (m) => (clearTimeout(timer), resolve(m as T)), reject: (err) => (clearTimeout(timer), reject(err)) });
    });
  }

  async ask<T>(message: { type: string }, timeoutMs?: number): Promise<T> {
    const answer = this.next<T>(message.type, timeoutMs);
    this.send(message);
    return answer;
  }

  stop(): void {
    if (this.process.connected) this.process.disconnect();
    this.process.kill();
  }
}
