import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SlaPoliciesController } from './sla-policies.controller.js';
import { SlaPoliciesService } from './sla-policies.service.js';
import { SlaPolicy } from './sla-policy.entity.js';
import { SlaTimer } from './sla-timer.entity.js';
import { SlaTimerRepository } from './sla-timer.repository.js';
import { SlaTimersService } from './sla-timers.service.js';

/** Deadlines: policies, timers and business-time maths. Knows nothing of tickets beyond their ids. */
@Module({
  imports: [TypeOrmModule.forFeature([SlaPolicy, SlaTimer])],
  controllers: [SlaPoliciesController],
  providers: [SlaPoliciesService, SlaTimersService, SlaTimerRepository],
  exports: [SlaTimersService, SlaPoliciesService, SlaTimerRepository],
})
export class SlaModule {}
