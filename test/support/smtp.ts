import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  messageId: string;
}

/** A real SMTP server on loopback that keeps what it receives. */
export interface SmtpStats {
  /** Connections opened so far, and the most open at once. */
  connections: number;
  peakOpen: number;
}

export async function startSmtpServer(): Promise<{ port: number; mails: ReceivedMail[]; stats: SmtpStats; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const stats: SmtpStats = { connections: 0, peakOpen: 0 };
  let open = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      stats.connections++;
      stats.peakOpen = Math.max(stats.peakOpen, ++open);
      callback();
    },
    onClose() {
      open--;
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            messageId: parsed.messageId ?? '',
          });
          callback();
        })
        .catch(callback);
    },
  });
  // A sender killed or stopped mid-connection (the app pools its connections) resets it: not a test failure.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { port, mails, stats, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
