import type { LoggerService } from '@nestjs/common';

/**
 * Nest's own start-up chatter: a line per module loaded and per route mapped (about a hundred),
 * and the demo seed's summary. Useful when debugging the wiring, noise otherwise.
 */
export const STARTUP_CONTEXTS: ReadonlySet<string> = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication', 'Seed']);

/** Nest passes the context as the last argument. */
export function isStartupChatter(optionalParams: unknown[]): boolean {
  const context = optionalParams[optionalParams.length - 1];
  return typeof context === 'string' && STARTUP_CONTEXTS.has(context);
}

/** The app's logger with the start-up chatter moved from info to debug; everything else as it was. */
export function quietStartup(inner: LoggerService): LoggerService {
  return {
    log: (message: unknown, ...rest: unknown[]) => (isStartupChatter(rest) ? inner.debug?.(message, ...rest) : inner.log(message, ...rest)),
    error: (message: unknown, ...rest: unknown[]) => inner.error(message, ...rest),
    warn: (message: unknown, ...rest: unknown[]) => inner.warn(message, ...rest),
    debug: (message: unknown, ...rest: unknown[]) => inner.debug?.(message, ...rest),
    verbose: (message: unknown, ...rest: unknown[]) => inner.verbose?.(message, ...rest),
    fatal: (message: unknown, ...rest: unknown[]) => inner.fatal?.(message, ...rest),
  };
}
