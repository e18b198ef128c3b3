import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { AuditService } from '@helixgate/audit';
import { HelixgateConfig } from '@helixgate/config';
import { AccessRequestService } from './access-request.service';
import { GrantLifecycleService } from './grant-lifecycle.service';

/**
 * Also queues the reminders before grants end (GrantLifecycleService.sendReminders), each sweep.
 *
 * A grant's end is a decision nobody makes at the moment it takes effect, so nothing in a request records
 * it. It is recorded (`access.expire`, exactly once per grant: see AccessRequestService.recordExpiries) by
 * whichever comes first:
 *   - this sweep, every HELIXGATE_ACCESS_EXPIRY_SWEEP_SECONDS;
 *   - any read of the audit trail (search, participant history, export), so a compliance officer never
 *     reads a trail that misses an expiry;
 *   - any access-workflow step (which refuses to act on an expired grant, naming it EXPIRED).
 */
@Injectable()
export class AccessExpirySweeper implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Access');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly requests: AccessRequestService,
    private readonly audit: AuditService,
    private readonly config: HelixgateConfig,
    private readonly lifecycle: GrantLifecycleService,
  ) {}

  onModuleInit(): void {
    this.audit.onBeforeRead(async () => {
      await this.requests.recordExpiries();
    });
    this.timer = setInterval(
      () => void this.sweepQuietly(),
      this.config.vars.HELIXGATE_ACCESS_EXPIRY_SWEEP_SECONDS * 1000,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async sweepQuietly(): Promise<void> {
    try {
      await this.requests.recordExpiries();
      // reminders before grants end (HELIXGATE_GRANT_REMINDER_DAYS), each once per grant
      await this.lifecycle.sendReminders();
    } catch (err) {
      this.logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'recording expired grants failed',
      );
    }
  }
}
