// The exam's autosave, without React: every answer goes to the server as it is given; while the network is away the
// latest answer of each question waits and is sent again (in the order given) when the server answers again. The
// server decides what counts: an answer it refuses (time is up, the attempt was submitted) is not retried.
import { isApiError } from '../../api/client';
import type { SaveState } from './types';

export type Saver = (index: number, answer: string[]) => Promise<{ remainingMs: number }>;
export type AutosaveListener = (index: number, state: SaveState, remainingMs: number | null) => void;

const RETRY_MS = 3000;

export class Autosave {
  private readonly pending = new Map<number, string[]>();
  private sending = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly save: Saver,
    private readonly listen: AutosaveListener,
  ) {}

  /** Queues the answer of a question (replacing one not yet sent) and sends at once. */
  give(index: number, answer: string[]): void {
    this.pending.delete(index);
    this.pending.set(index, answer);
    this.listen(index, 'saving', null);
    void this.flush();
  }

  /** Answers still waiting for the server. */
  get waiting(): number {
    return this.pending.size;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
  }

  private async flush(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.pending.size > 0) {
        const [index, answer] = this.pending.entries().next().value as [number, string[]];
        try {
          const saved = await this.save(index, answer);
          // A newer answer given meanwhile stays queued.
          if (this.pending.get(index) === answer) this.pending.delete(index);
          this.listen(index, this.pending.has(index) ? 'saving' : 'saved', saved.remainingMs);
        } catch (error) {
          const refused = isApiError(error) && error.status >= 400 && error.status < 500;
          if (refused) {
            this.pending.delete(index);
            this.listen(index, 'refused', null);
            continue;
          }
          for (const waiting of this.pending.keys()) this.listen(waiting, 'offline', null);
          if (!this.timer)
            this.timer = setTimeout(() => {
              this.timer = null;
              void this.flush();
            }, RETRY_MS);
          return;
        }
      }
    } finally {
      this.sending = false;
    }
  }
}
