import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Clock, ReplayableClock, SystemClock } from './clock.js';

/** The system clock, or one a test (or a command replaying time) hands in; the demo story may set it back while it seeds. */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = new SystemClock()): DynamicModule {
    return { module: ClockModule, providers: [{ provide: Clock, useValue: new ReplayableClock(clock) }], exports: [Clock] };
  }
}
