import 'reflect-metadata';
import { ConfigError, loadConfig, type AppConfig } from '../config/app-config.js';

/** Runs a command with validated configuration; a bad variable or a failure ends it with one line and exit 1. */
export async function runCommand(name: string, work: (config: AppConfig) => Promise<string>): Promise<void> {
  try {
    const message = await work(loadConfig());
    process.stdout.write(`${name}: ${message}\n`);
    process.exit(0);
  } catch (e) {
    process.stderr.write(`${name} failed: ${e instanceof ConfigError || !(e instanceof Error) ? String(e instanceof Error ? e.message : e) : e.stack}\n`);
    process.exit(1);
  }
}
