import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header carrying a webhook's signature: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-helixgate-webhook-signature';
/** The delivery's id: the same on every retry of one delivery, for receivers that deduplicate. */
export const WEBHOOK_ID_HEADER = 'x-helixgate-webhook-id';

/** HMAC-SHA256(secret, `${timestamp}.${body}`) in hex. */
export function webhookMac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function signWebhook(secret: string, body: string, now = Date.now()): string {
  const t = Math.floor(now / 1000);
  return `t=${t},v1=${webhookMac(secret, t, body)}`;
}

/**
 * What a receiver runs: true when `header` is a valid signature of exactly `body` made with `secret` at a
 * time within `toleranceSeconds` of now (a replayed old delivery fails).
 */
export function verifyWebhook(
  secret: string,
  body: string,
  header: string | undefined,
  toleranceSeconds = 300,
  now = Date.now(),
): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(
    header.split(',').map((p) => {
      const i = p.indexOf('=');
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()];
    }),
  );
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) return false;
  if (Math.abs(now / 1000 - t) > toleranceSeconds) return false;
  const expected = Buffer.from(webhookMac(secret, t, body), 'hex');
  return timingSafeEqual(expected, Buffer.from(parts.v1, 'hex'));
}
