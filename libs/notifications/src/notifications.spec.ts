import { backoffMs } from './notification-delivery.worker';
import { renderEmail, safeFacts } from './notification-events';
import { signWebhook, verifyWebhook } from './webhook-signature';

describe('notification messages, signatures and backoff', () => {
  it('keeps only facts of their expected shape: no free text reaches a message', () => {
    const facts = safeFacts({
      requestId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
      datasetId: 'cohort-1',
      state: 'chr17:43045712 A>G in HG00096',
      expiresAt: 'not a date',
      vote: 'APPROVE because carriers of rs80357906',
      closeOutKind: 'DELETION_ATTESTATION',
      daysLeft: 7,
    });
    expect(facts).toEqual({
      requestId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
      datasetId: 'cohort-1',
      closeOutKind: 'DELETION_ATTESTATION',
      daysLeft: 7,
    });
    const mail = renderEmail(
      'grant.expiring',
      { requestId: 'r-1', datasetId: 'cohort-1', daysLeft: 7, expiresAt: '2027-01-01T00:00:00Z' },
      { consoleUrl: 'https://node.example/console', nodeName: 'Node' },
    );
    expect(mail.subject).toBe('[Helixgate] Your access to dataset cohort-1 ends in 7 day(s)');
    expect(mail.text).toContain('https://node.example/console/requests/r-1');
    expect(mail.text).toContain('2027-01-01T00:00:00.000Z');
  });

  it('signs timestamp + body; a changed body, secret or an old timestamp fails', () => {
    const secret = 'x'.repeat(40);
    const body = '{"type":"grant.expired"}';
    const now = Date.UTC(2026, 11, 6);
    const header = signWebhook(secret, body, now);
    expect(verifyWebhook(secret, body, header, 300, now)).toBe(true);
    expect(verifyWebhook(secret, body.replace('expired', 'revoked'), header, 300, now)).toBe(false);
    expect(verifyWebhook('y'.repeat(40), body, header, 300, now)).toBe(false);
    expect(verifyWebhook(secret, body, header, 300, now + 301_000)).toBe(false);
    // the timestamp is signed: moving it forward breaks the signature
    const moved = header.replace(/^t=(\d+)/, (_m, t: string) => `t=${Number(t) + 1}`);
    expect(verifyWebhook(secret, body, moved, 300, now)).toBe(false);
    expect(verifyWebhook(secret, body, 'garbage', 300, now)).toBe(false);
  });

  it('doubles the wait after each failure, capped at 6 hours', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(30_000, a))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(30_000, 40)).toBe(6 * 3600 * 1000);
    expect(backoffMs(0, 5)).toBe(0);
  });
});
