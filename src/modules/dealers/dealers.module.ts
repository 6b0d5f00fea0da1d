import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Dealer } from './dealer.entity.js';
import { DealersController } from './dealers.controller.js';
import { DealerRepository } from './dealer.repository.js';
import { DealersService } from './dealers.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Dealer])],
  controllers: [DealersController],
  providers: [DealersService, DealerRepository],
  exports: [DealersService, DealerRepository],
})
export class DealersModule {}
