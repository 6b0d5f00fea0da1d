import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller.js';
import { WriterHoldsController } from './writer-holds.controller.js';

@Module({ imports: [TerminusModule.forRoot({ logger: false })], controllers: [HealthController, WriterHoldsController] })
export class HealthModule {}
