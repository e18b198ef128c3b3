import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PrivacyPolicy, TimingPolicy } from './privacy-policy';
import { PRIVACY_POLICY } from './privacy.tokens';

/**
 * When a guarded answer may leave (no timing channel). Padding to a fixed bucket hides the few ms by which an
 * absent, a withheld and a released allele differ only while the work stays inside the bucket: once the
 * machine is loaded enough that the work passes the bucket's end, the slower path (decryption, budget writes)
 * lands in the next bucket more often, and the mean latency of 20 queries told members from controls at
 * power 0.225 in CI (PostgreSQL, 50 ms bucket). So the hold time follows the load: it is the configured bucket
 * or, when longer, the `timing.quantile` of the work of recent guarded answers (all callers, all outcomes),
 * rounded up to whole buckets, at most `timing.maxMs` (without a cap, a handful of multi-second outliers held
 * every answer for 650 ms in CI); an answer leaves at the first multiple of the hold time after its work ends.
 * Only answers slower than that quantile (or the cap) still cross a boundary, whatever their outcome.
 *
 * The hold time is computed from all recent guarded answers of all callers, and it is sticky: it rises at once
 * when the quantile passes it, and comes down by one bucket only after a whole window of answers has fitted
 * under the lower level. A caller whose own queries are most of the traffic could still push it up a bucket
 * with slow (present) alleles; it then stays up for everyone, members and non-members alike, for at least a
 * window, so the step is not tied to the answers that caused it.
 */
export function holdTime(policy: TimingPolicy, recentWork: readonly number[]): number {
  const bucket = policy.bucketMs;
  if (bucket <= 0) return 0;
  if (policy.quantile <= 0 || recentWork.length === 0) return bucket;
  const sorted = [...recentWork].sort((a, b) => a - b);
  const tail = sorted[Math.max(0, Math.ceil(policy.quantile * sorted.length) - 1)]; // nearest rank
  const cap = Math.max(bucket, Math.floor(policy.maxMs / bucket) * bucket);
  return Math.min(cap, Math.max(bucket, Math.ceil(tail / bucket) * bucket));
}

/** The wait after `elapsed` ms of work until the answer's release time (a multiple of `hold`). */
export function waitFor(elapsed: number, hold: number): number {
  if (hold <= 0) return 0;
  return Math.max(1, Math.ceil(elapsed / hold)) * hold - elapsed;
}

/**
 * The sticky hold time: up at once to `target`, down by one bucket only once `since` answers (a full window)
 * have been released at the current level with the target below it.
 */
export function nextHold(
  current: number,
  target: number,
  since: number,
  policy: TimingPolicy,
): { hold: number; since: number } {
  if (target > current) return { hold: target, since: 0 };
  if (target < current && since >= policy.window) {
    return { hold: Math.max(target, current - policy.bucketMs), since: 0 };
  }
  return { hold: current, since: since + 1 };
}

@Injectable()
export class LatencyEqualizer {
  private readonly recent: number[] = [];
  private next = 0;
  private current = 0;
  private since = 0;

  constructor(@Inject(PRIVACY_POLICY) private readonly policy: PrivacyPolicy) {}

  /** The current hold time in ms (0: padding off). */
  hold(): number {
    return Math.max(this.current, this.policy.timing.bucketMs > 0 ? this.policy.timing.bucketMs : 0);
  }

  /** Records `elapsed` ms of guarded work and waits until the answer may leave. */
  async release(elapsed: number): Promise<void> {
    if (this.policy.timing.bucketMs <= 0) return;
    const step = nextHold(
      this.hold(),
      holdTime(this.policy.timing, this.recent),
      this.since,
      this.policy.timing,
    );
    this.current = step.hold;
    this.since = step.since;
    this.observe(elapsed);
    await sleep(waitFor(elapsed, this.current));
  }

  private observe(ms: number): void {
    const size = this.policy.timing.window;
    if (size <= 0) return;
    if (this.recent.length < size) this.recent.push(ms);
    else this.recent[this.next] = ms;
    this.next = (this.next + 1) % size;
  }
}
