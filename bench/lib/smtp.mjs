/**
 * A real SMTP server on loopback that notes when each mail arrived, by the outbox row's id
 * in its Message-ID (`<notification-id@amends>`), so a mail's delivery time is its arrival
 * here minus its outbox row's createdAt.
 */
import { SMTPServer } from 'smtp-server';

export async function smtpCapture() {
  const arrived = new Map();
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, _session, cb) {
      let head = '';
      stream.on('data', (c) => { if (head.length < 16_384) head += c.toString('utf8'); });
      stream.on('end', () => {
        const id = /^Message-ID:\s*<([^@>]+)@amends>/im.exec(head)?.[1];
        if (id && !arrived.has(id)) arrived.set(id, Date.now());
        cb();
      });
    },
  });
  // A pooled connection reset when a server stops is not an error of the bench.
  server.on('error', () => {});
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { port: server.server.address().port, arrived, close: () => new Promise((r) => server.close(r)) };
}
