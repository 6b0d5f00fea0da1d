import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../common/auth/auth.decorators.js';
import type { Actor } from '../../common/auth/roles.js';
import { CreateDealerDto, UpdateDealerDto } from './dealer.dto.js';
import { DealersService, toDealerView } from './dealers.service.js';
import { ApiAnswer, ApiErrors, ApiSummary } from '../../common/openapi/api-docs.decorators.js';
import { DEALERS_ANSWERS } from './dealers.answers.js';

@ApiTags('dealers')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/dealers')
export class DealersController {
  constructor(private readonly dealers: DealersService) {}

  /** The dealers in the caller's scope. */
  @ApiSummary('The dealers in the caller\'s scope')
  @ApiAnswer(200, DEALERS_ANSWERS.list)
  @ApiErrors(401, 403)
  @Get()
  list(@CurrentActor() actor: Actor) {
    return this.dealers.listFor(actor);
  }

  @ApiSummary('Create a dealer')
  @ApiAnswer(201, DEALERS_ANSWERS.dealer)
  @ApiErrors(400, 401, 403, 422)
  @Post()
  @Roles('admin')
  create(@Body() dto: CreateDealerDto) {
    return this.dealers.create(dto);
  }

  @ApiSummary('Change a dealer')
  @ApiAnswer(200, DEALERS_ANSWERS.dealer)
  @ApiErrors(400, 401, 403, 404, 422)
  @Patch(':id')
  @Roles('admin')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateDealerDto) {
    return this.dealers.update(id, dto);
  }

  @ApiSummary('One dealer')
  @ApiAnswer(200, DEALERS_ANSWERS.dealer)
  @ApiErrors(401, 403, 404)
  @Get(':id')
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return toDealerView(await this.dealers.getFor(actor, id));
  }
}
