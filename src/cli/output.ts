/** Where a command writes: data to `out`, progress and errors to `err`. */
export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
  /** stderr is a terminal: bulk mode draws a progress bar there. */
  errIsTTY?: boolean;
}
