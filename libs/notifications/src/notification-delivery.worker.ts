import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HelixgateConfig } from '@helixgate/config';
import * as nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { renderEmail, type NotificationEventType, type NotificationFacts } from './notification-events';
import { signWebhook, WEBHOOK_ID_HEADER, WEBHOOK_SIGNATURE_HEADER } from './webhook-signature';

/** A claimed delivery with its event. */
interface ClaimedDelivery {
  id: string;
  channel: 'email' | 'webhook';
  target: string;
  attempts: number;
  event_id: string;
  type: NotificationEventType;
  payload: NotificationFacts;
  created_at: Date;
}

export interface DeliveryRunResult {
  claimed: number;
  sent: number;
  failed: number;
  dead: number;
}

/** How long a claim lasts: a process that died mid-send leaves its deliveries to others after this. */
const LEASE_SECONDS = 120;
const BATCH = 20;
const MAX_BACKOFF_MS = 6 * 3600 * 1000;
const SEND_TIMEOUT_MS = 15_000;

/** The wait before the next attempt after `attempts` failed ones: base · 2^(attempts-1), capped at 6 h. */
export function backoffMs(base: number, attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, base * 2 ** Math.max(0, attempts - 1));
}

/**
 * Sends what the outbox holds. Each poll claims up to 20 due deliveries in one short transaction
 * (`FOR UPDATE SKIP LOCKED`, then status SENDING with a 2-minute lease and this process's claim id), sends
 * them outside any transaction, and records the outcome only if the claim is still this process's. So
 * several gateway processes (HELIXGATE_WORKERS, several hosts) never send the same delivery at once, and no
 * transaction is held open during a slow SMTP or webhook exchange (the embedded database has one
 * connection). A failure schedules a retry with exponential backoff; after HELIXGATE_NOTIFY_MAX_ATTEMPTS the
 * delivery is DEAD (dead-letter) until an operator retries it. A process that dies between the remote
 * server's acceptance and the database update leaves the delivery to be sent again when the lease ends
 * (at-least-once in that window only): e-mails keep one Message-ID and webhooks one X-Helixgate-Webhook-Id
 * across attempts so receivers can drop such a repeat.
 */
@Injectable()
export class NotificationDeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private readonly claimId = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private timer?: NodeJS.Timeout;
  private running?: Promise<DeliveryRunResult>;
  private mailer?: Transporter;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: HelixgateConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.pollQuietly(), this.config.vars.HELIXGATE_NOTIFY_POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
    this.mailer?.close();
  }

  /** One poll: claim, send, record. Concurrent calls in one process share the run in progress. */
  runOnce(): Promise<DeliveryRunResult> {
    if (!this.running) {
      this.running = this.deliverDue().finally(() => (this.running = undefined));
    }
    return this.running;
  }

  /** Polls until nothing is due (or `maxRounds`), for tests and the CLI. */
  async drain(maxRounds = 50): Promise<DeliveryRunResult> {
    const total: DeliveryRunResult = { claimed: 0, sent: 0, failed: 0, dead: 0 };
    for (let i = 0; i < maxRounds; i++) {
      const r = await this.runOnce();
      for (const k of Object.keys(total) as (keyof DeliveryRunResult)[]) total[k] += r[k];
      if (r.claimed === 0) break;
    }
    return total;
  }

  private async pollQuietly(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.runOnce();
    } catch (err) {
      this.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'notification poll failed');
    }
  }

  private async deliverDue(): Promise<DeliveryRunResult> {
    const result: DeliveryRunResult = { claimed: 0, sent: 0, failed: 0, dead: 0 };
    const claimed = await this.claim();
    result.claimed = claimed.length;
    for (const d of claimed) {
      if (this.stopped) break;
      try {
        if (d.channel === 'email') await this.sendEmail(d);
        else await this.sendWebhook(d);
        await this.dataSource.query(
          `UPDATE notification_delivery
              SET status = 'SENT', sent_at = now(), claimed_until = NULL, last_error = NULL
            WHERE id = $1 AND claimed_by = $2 AND status = 'SENDING'`,
          [d.id, this.claimId],
        );
        result.sent++;
      } catch (err) {
        const dead = d.attempts >= this.config.vars.HELIXGATE_NOTIFY_MAX_ATTEMPTS;
        const message = describeFailure(err).slice(0, 500);
        await this.dataSource.query(
          `UPDATE notification_delivery
              SET status = $3, last_error = $4, claimed_until = NULL,
                  next_attempt_at = now() + ($5::bigint * interval '1 millisecond')
            WHERE id = $1 AND claimed_by = $2 AND status = 'SENDING'`,
          [
            d.id,
            this.claimId,
            dead ? 'DEAD' : 'PENDING',
            message,
            backoffMs(this.config.vars.HELIXGATE_NOTIFY_BACKOFF_MS, d.attempts),
          ],
        );
        if (dead) {
          result.dead++;
          this.logger.warn(
            { delivery: d.id, channel: d.channel, attempts: d.attempts, error: message },
            'notification delivery dead-lettered',
          );
        } else result.failed++;
      }
    }
    return result;
  }

  /** Claims due deliveries (and ones whose claim lapsed) for this process, in one short transaction. */
  private async claim(): Promise<ClaimedDelivery[]> {
    const raw: unknown = await this.dataSource.query(
      `WITH due AS (
         SELECT id FROM notification_delivery
          WHERE (status = 'PENDING' AND next_attempt_at <= now())
             OR (status = 'SENDING' AND claimed_until < now())
          ORDER BY id
          LIMIT ${BATCH}
          FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE notification_delivery d
            SET status = 'SENDING', attempts = d.attempts + 1, claimed_by = $1,
                claimed_until = now() + interval '${LEASE_SECONDS} seconds'
           FROM due WHERE d.id = due.id
         RETURNING d.id, d.channel, d.target, d.attempts, d.event_id
       )
       SELECT c.*, e.type, e.payload, e.created_at FROM claimed c
         JOIN notification_event e ON e.id = c.event_id
        ORDER BY c.id`,
      [this.claimId],
    );
    return (raw as ClaimedDelivery[]).map((r) => ({ ...r, id: String(r.id), event_id: String(r.event_id) }));
  }

  private consoleUrl(): string {
    const issuer =
      this.config.vars.HELIXGATE_ISSUER ?? `https://${this.config.vars.HELIXGATE_NODE_ID}.helixgate.invalid`;
    return `${issuer.replace(/\/+$/, '')}/console`;
  }

  private transport(): Transporter {
    if (!this.mailer) {
      const url = this.config.vars.HELIXGATE_SMTP_URL;
      if (!url) throw new Error('HELIXGATE_SMTP_URL is not set');
      this.mailer = nodemailer.createTransport(url, {
        connectionTimeout: SEND_TIMEOUT_MS,
        greetingTimeout: SEND_TIMEOUT_MS,
        socketTimeout: SEND_TIMEOUT_MS,
      } as nodemailer.TransportOptions);
    }
    return this.mailer;
  }

  private async sendEmail(d: ClaimedDelivery): Promise<void> {
    const message = renderEmail(d.type, d.payload, {
      consoleUrl: this.consoleUrl(),
      nodeName: this.config.vars.HELIXGATE_NODE_NAME,
    });
    await this.transport().sendMail({
      from: this.config.vars.HELIXGATE_MAIL_FROM,
      to: d.target,
      subject: message.subject,
      text: message.text,
      messageId: `<notification-${d.id}@${this.config.vars.HELIXGATE_NODE_ID}>`,
      headers: { 'X-Helixgate-Event': d.type, 'Auto-Submitted': 'auto-generated' },
    });
  }

  private async sendWebhook(d: ClaimedDelivery): Promise<void> {
    const secret = this.config.vars.HELIXGATE_WEBHOOK_SECRET;
    if (!secret) throw new Error('HELIXGATE_WEBHOOK_SECRET is not set');
    const body = JSON.stringify({
      id: `delivery-${d.id}`,
      event: `event-${d.event_id}`,
      type: d.type,
      occurredAt: new Date(d.created_at).toISOString(),
      node: this.config.vars.HELIXGATE_NODE_ID,
      data: d.payload,
    });
    const res = await fetch(d.target, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Helixgate-Webhook/1',
        [WEBHOOK_SIGNATURE_HEADER]: signWebhook(secret, body),
        [WEBHOOK_ID_HEADER]: `delivery-${d.id}`,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (res.status < 200 || res.status > 299) throw new Error(`webhook answered HTTP ${res.status}`);
  }
}

/** The error and its cause ("fetch failed: ECONNREFUSED"), without any URL credentials. */
function describeFailure(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as Error & { cause?: unknown }).cause;
  const why =
    cause && typeof cause === 'object'
      ? ((cause as { code?: string }).code ?? (cause as { message?: string }).message)
      : undefined;
  return why && !err.message.includes(why) ? `${err.message}: ${why}` : err.message;
}
