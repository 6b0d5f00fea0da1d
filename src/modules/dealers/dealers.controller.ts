import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../common/auth/auth.decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { CreateDealerDto, UpdateDealerDto } from './dealer.dto.js';
import { DealersService, toDealerView } from './dealers.service.js';

@ApiTags('dealers')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/dealers')
export class DealersController {
  constructor(private readonly dealers: DealersService) {}

  /** The dealers in the caller's scope. */
  @Get()
  list(@CurrentActor() actor: Actor) {
    return this.dealers.listFor(actor);
  }

  @Post()
  @Roles('admin')
  create(@Body() dto: CreateDealerDto) {
    return this.dealers.create(dto);
  }

  @Patch(':id')
  @Roles('admin')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateDealerDto) {
    return this.dealers.update(id, dto);
  }

  @Get(':id')
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return toDealerView(await this.dealers.getFor(actor, id));
  }
}
