import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { ApiKeysService } from './api-keys.service.js';
import { CurrentActor, Roles } from './auth.decorators.js';
import type { Actor } from './roles.js';
import { CreateApiKeyDto, CreateUserDto } from './user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  /** Users in the caller's scope (to assign work to). */
  @Get('users')
  list(@CurrentActor() actor: Actor) {
    return this.users.list(actor);
  }

  @Post('users')
  @Roles('admin')
  create(@Body() dto: CreateUserDto) {
    return this.users.create(dto);
  }

  @Get('admin/api-keys')
  @Roles('admin')
  listKeys() {
    return this.apiKeys.list();
  }

  /** The key is in this answer only; it cannot be shown again. */
  @Post('admin/api-keys')
  @Roles('admin')
  async createKey(@CurrentActor() actor: Actor, @Body() dto: CreateApiKeyDto) {
    const { id, key, view } = await this.apiKeys.create(actor, dto.userId, dto.name, dto.scopes);
    return { ...view, id, key };
  }

  @Delete('admin/api-keys/:id')
  @Roles('admin')
  @HttpCode(204)
  revokeKey(@Param('id', ParseUUIDPipe) id: string) {
    return this.apiKeys.revoke(id);
  }
}
