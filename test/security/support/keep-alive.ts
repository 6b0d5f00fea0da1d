import { Agent, request } from 'node:http';

export interface RawReply {
  status: number;
  text: string;
}

/** Plain node:http over kept-alive sockets: the fuzz sends hundreds of thousands of requests. */
export function keepAliveClient(baseUrl: string, sockets = 16) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const { hostname, port } = new URL(baseUrl);
  return {
    send(method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<RawReply> {
      return new Promise((resolve) => {
        const req = request({ agent, hostname, port, method, path, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', (e: NodeJS.ErrnoException) => resolve({ status: 0, text: e.code ?? e.message }));
        });
        // A connection the server closed early (an over-long body answered with 413) is status 0, reported, never a crash of the test.
        req.on('error', (e: NodeJS.ErrnoException) => resolve({ status: 0, text: e.code ?? e.message }));
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}

/** Runs `work` over `items`, `limit` at a time, in order of starting. */
export async function inBatches<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>, afterBatch: (results: R[], batch: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += limit) {
    const batch = items.slice(i, i + limit);
    await afterBatch(await Promise.all(batch.map(work)), batch);
  }
}
