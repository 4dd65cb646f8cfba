import { createServer } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type SmtpServerOptions = {
  /** Listen on this port (e.g. one a test first used while no server was there); a free one when absent. */
  port?: number;
  /** An SMTP reply code (4xx temporary, 5xx permanent) to refuse a recipient with, or null to accept. */
  refuse?: (address: string) => number | null;
};

/** A real SMTP server on a local port that keeps every message it receives. */
export async function startSmtpServer(options: SmtpServerOptions = {}) {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = options.refuse?.(address.address) ?? null;
      if (code === null) return callback();
      return callback(Object.assign(new Error(`refused by the test server`), { responseCode: code }));
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** The mails received for `to`. */
    mailsTo: (to: string) =>
      received.filter((candidate) => candidate.to && JSON.stringify(candidate.to).includes(to)),
    /** Waits until a mail to `to` arrives (mail leaves after the commit, not inside the request). */
    async waitForMail(to: string, timeoutMs = 5000): Promise<ParsedMail> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const mail = received.find((candidate) => candidate.to && JSON.stringify(candidate.to).includes(to));
        if (mail) return mail;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A local port nothing listens on (now): the address of a mail server that is down. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no free port');
  return address.port;
}
