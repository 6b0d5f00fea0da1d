import type { SchedulerRegistry } from '@nestjs/schedule';

/**
 * Runs a job every `seconds`, registered with Nest's scheduler so that it is cleared on
 * shutdown like a decorated @Interval; the period comes from the configuration.
 */
export function repeatEvery(registry: SchedulerRegistry, name: string, seconds: number, job: () => Promise<void>): void {
  registry.addInterval(name, setInterval(() => void job(), seconds * 1000));
}
