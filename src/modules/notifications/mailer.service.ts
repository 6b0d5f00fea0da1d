import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';

export interface OutgoingMail {
  to: string;
  toName: string | null;
  subject: string;
  text: string;
  /** Stable per notification, so a receiver can tell a repeat from a new mail. */
  messageId: string;
}

/** SMTP through nodemailer; without SMTP_HOST (development) mails are written to the log instead. */
@Injectable()
export class MailerService implements OnApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private readonly transport: Transporter | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const smtp = config.smtp;
    this.transport = smtp.host
      ? // Pooled: a new connection per mail made a backlog of 3,000 escalation mails drain at a third of the speed.
        // As many connections as the outbox sends at once, each carrying many mails.
        nodemailer.createTransport({ pool: true, maxConnections: config.schedule.outboxConcurrency, maxMessages: Infinity, host: smtp.host, port: smtp.port, secure: smtp.port === 465, ignoreTLS: !smtp.startTls, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 })
      : null;
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  async send(mail: OutgoingMail): Promise<void> {
    if (!this.transport) {
      this.logger.log(`(no SMTP_HOST) mail to ${mail.to}: ${mail.subject}\n${mail.text}`);
      return;
    }
    await this.transport.sendMail({
      from: this.config.smtp.from,
      to: mail.toName ? { name: mail.toName, address: mail.to } : mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId,
    });
  }
}
