import type { Logger } from '@nestjs/common';

/**
 * A scheduled job that never overlaps itself within one process (a slow round is not
 * joined by the next tick) and logs, rather than throws, what goes wrong.
 */
export class SingleFlight {
  private running = false;

  constructor(private readonly logger: Logger) {}

  async run(job: () => Promise<void>): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await job();
    } catch (e) {
      this.logger.error(e instanceof Error ? e.stack : String(e));
    } finally {
      this.running = false;
    }
  }
}
