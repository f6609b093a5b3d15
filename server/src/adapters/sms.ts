import type { FastifyBaseLogger } from 'fastify';

/** Sends text messages (verification codes). Real providers (Aliyun, Tencent Cloud SMS) implement the same port. */
export interface SmsProvider {
  send(phone: string, template: 'verification_code', params: { code: string; minutes: number }): Promise<void>;
}

/** Development adapter: the code goes to the server log instead of a phone. Never used in production. */
export class LogSmsProvider implements SmsProvider {
  constructor(private readonly log: Pick<FastifyBaseLogger, 'info'>) {}
  async send(phone: string, template: 'verification_code', params: { code: string; minutes: number }): Promise<void> {
    this.log.info(
      { sms: { to: phone, template, ...params } },
      `[SMS dev] verification code for ${phone}: ${params.code} (valid ${params.minutes} min)`,
    );
  }
}

/** Test adapter: keeps messages so tests can read the code a user would receive. */
export class MemorySmsProvider implements SmsProvider {
  readonly sent: { phone: string; code: string }[] = [];
  async send(phone: string, _template: 'verification_code', params: { code: string; minutes: number }): Promise<void> {
    this.sent.push({ phone, code: params.code });
  }
  lastCodeFor(phone: string): string | undefined {
    return this.sent.filter((m) => m.phone === phone).at(-1)?.code;
  }
}
