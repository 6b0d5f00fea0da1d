import type { Client } from '../../support/http-client.js';

export interface IntakeLoadResult {
  /** Tickets the server answered 201 for: it promised they exist. */
  acked: { id: string; ref: string }[];
  /** Any other HTTP answer: a bug, unless the test expects it. */
  refused: { status: number; text: string }[];
  /** Requests that got no answer (the server was killed under them). */
  unanswered: number;
}

/** `concurrency` loops posting tickets back to back until stop() is called. */
export function intakeLoad(client: Client, body: (n: number) => Record<string, unknown>, concurrency: number): { stop(): Promise<IntakeLoadResult> } {
  const result: IntakeLoadResult = { acked: [], refused: [], unanswered: 0 };
  let stopped = false;
  let n = 0;
  const loop = async () => {
    while (!stopped) {
      try {
        const res = await client.post('/api/tickets', body(n++));
        if (res.status === 201) result.acked.push({ id: res.body.id, ref: res.body.ref });
        else result.refused.push({ status: res.status, text: res.text.slice(0, 300) });
      } catch {
        result.unanswered++;
        // A dead server refuses at once: do not spin.
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  return {
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
      return result;
    },
  };
}
