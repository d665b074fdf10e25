import type { Block } from './limits';

/** What chat.postMessage / chat.update / respond() take besides channel and ts. */
export interface SlackMessage {
  /** Notification and screen-reader fallback. */
  text: string;
  blocks: Block[];
}
