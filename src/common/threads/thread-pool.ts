import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** A task's message to a worker, and its answer. */
interface Request { id: number; task: string; args: unknown }
type Answer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

interface Slot { worker: Worker; busy: number }

/**
 * A few worker threads running one module's named tasks, so that a long computation (a
 * two-year dashboard's business hours) never stalls the event loop that answers every other
 * request. Workers start on first use, do not keep the process alive, and are replaced after
 * a crash (the tasks it held fail). The module is the compiled `.js` beside its source; run
 * from source (the test suites), the `.ts` is loaded through a small SWC hook instead.
 */
export class ThreadPool {
  private readonly slots: Slot[] = [];
  private readonly waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; slot: Slot }>();
  private nextId = 1;
  private closed = false;
  /** Tasks answered by a worker thread so far (the suites check the work left the main thread). */
  completed = 0;

  /** Tasks handed to a worker and not yet answered. */
  get pending(): number {
    return this.waiting.size;
  }

  constructor(
    private readonly script: URL,
    private readonly size = 1,
  ) {}

  run<T>(task: string, args: unknown, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.closed) return Promise.reject(new Error('thread pool closed'));
    const slot = this.pick();
    const id = this.nextId++;
    slot.busy++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject, slot });
      slot.worker.postMessage({ id, task, args } satisfies Request, transfer);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  /** The least busy worker, or a new one while there are fewer than `size`. */
  private pick(): Slot {
    const idle = this.slots.find((s) => s.busy === 0);
    if (idle) return idle;
    if (this.slots.length < this.size) return this.spawn();
    return this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
  }

  private spawn(): Slot {
    const worker = startWorker(this.script);
    worker.unref();
    const slot: Slot = { worker, busy: 0 };
    worker.on('message', (answer: Answer) => {
      const pending = this.waiting.get(answer.id);
      if (!pending) return;
      this.waiting.delete(answer.id);
      slot.busy--;
      if (answer.ok) {
        this.completed++;
        pending.resolve(answer.value);
      } else pending.reject(new Error(answer.error));
    });
    const fail = (error: Error) => {
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      for (const [id, pending] of this.waiting) {
        if (pending.slot !== slot) continue;
        this.waiting.delete(id);
        pending.reject(error);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`worker thread exited (${code})`)));
    this.slots.push(slot);
    return slot;
  }
}

/**
 * Answers a pool's requests in a worker thread with `tasks` (the worker module calls this once).
 * Typed arrays in an answer are transferred, not copied.
 */
export async function serveTasks(tasks: Record<string, (args: never) => unknown>): Promise<void> {
  const { parentPort, threadId } = await import('node:worker_threads');
  const builtIn: Record<string, (args: never) => unknown> = {
    /** Which thread answers (the suites check it is not the main one). */
    threadId: () => threadId,
    /** Keeps this worker busy, as a long computation would, until the flag is set (the suites' stand-in for one). */
    busyUntil: ({ flag }: { flag: SharedArrayBuffer }) => Atomics.wait(new Int32Array(flag), 0, 0),
  };
  parentPort!.on('message', async ({ id, task, args }: Request) => {
    try {
      const run = tasks[task] ?? builtIn[task];
      if (!run) throw new Error(`no task ${task}`);
      const value = await run(args as never);
      const transfer = ArrayBuffer.isView(value) ? [value.buffer as ArrayBuffer] : [];
      parentPort!.postMessage({ id, ok: true, value } satisfies Answer, transfer);
    } catch (e) {
      parentPort!.postMessage({ id, ok: false, error: e instanceof Error ? e.message : String(e) } satisfies Answer);
    }
  });
}

function startWorker(script: URL): Worker {
  const compiled = script.href.replace(/\.ts$/, '.js');
  if (existsSync(fileURLToPath(compiled))) return new Worker(new URL(compiled));
  // From source: a worker has none of the test runner's transforms; the hook compiles TypeScript as it is imported.
  const source = compiled.replace(/\.js$/, '.ts');
  const hooks = new URL('./ts-worker-hooks.mjs', import.meta.url).href;
  const boot = `import('node:module').then(async ({ register }) => { register(${JSON.stringify(hooks)}); await import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { eval: true });
}
