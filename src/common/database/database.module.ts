import { Global, Module } from '@nestjs/common';
import { JobLeases } from '../scheduling/job-leases.js';
import { UnitOfWork } from './unit-of-work.js';

@Global()
@Module({ providers: [UnitOfWork, JobLeases], exports: [UnitOfWork, JobLeases] })
export class DatabaseModule {}
