const WIDTH = 30;
const REDRAW_EVERY_MS = 100;

/** A one-line progress bar for a terminal's stderr, redrawn at most ten times a second. */
export class ProgressBar {
  private done = 0;
  private detail = '';
  private lastDraw = 0;
  private shown = false;

  constructor(
    private readonly total: number,
    private readonly write: (text: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  update(done: number, detail: string): void {
    this.done = done;
    this.detail = detail;
    if (done < this.total && this.now() - this.lastDraw < REDRAW_EVERY_MS) return;
    this.draw();
  }

  /** Write other output to the same terminal without leaving a torn bar behind. */
  around(write: () => void): void {
    const shown = this.shown;
    this.clear();
    write();
    if (shown) this.draw();
  }

  clear(): void {
    if (!this.shown) return;
    this.write('\r\x1b[K');
    this.shown = false;
  }

  draw(): void {
    this.lastDraw = this.now();
    this.shown = true;
    this.write(`\r\x1b[K${progressLine(this.done, this.total, this.detail)}`);
  }
}

export function progressLine(done: number, total: number, detail: string): string {
  const filled = total === 0 ? WIDTH : Math.round((done / total) * WIDTH);
  const bar = '#'.repeat(filled) + '.'.repeat(WIDTH - filled);
  return `[${bar}] ${done}/${total}${detail ? `  ${detail}` : ''}`;
}
