import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import { AccountsService } from './accounts.service.js';
import { ApiKeysService } from './api-keys.service.js';
import { CurrentActor, Roles } from './auth.decorators.js';
import type { Actor } from './roles.js';
import { CreateApiKeyDto, CreateUserDto, SetPasswordDto, UpdateUserDto } from './user.dto.js';
import { UsersService } from './users.service.js';
import { ApiAnswer, ApiError, ApiErrors, ApiNoContent, ApiSummary } from '../../common/openapi/api-docs.decorators.js';
import { USERS_ANSWERS } from './users.answers.js';

@ApiTags('users')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly apiKeys: ApiKeysService,
    private readonly accounts: AccountsService,
  ) {}

  /** Users in the caller's scope: a dealer's staff see their own dealer's users only. */
  @ApiSummary('Users in the caller\'s scope: a dealer\'s staff see their own dealer\'s users only')
  @ApiAnswer(200, USERS_ANSWERS.list)
  @ApiErrors(401, 403)
  @Get('users')
  list(@CurrentActor() actor: Actor) {
    return this.users.listVisible(actor);
  }

  @ApiSummary('Create a user')
  @ApiAnswer(201, USERS_ANSWERS.user)
  @ApiErrors(400, 401, 403, 422)
  @Post('users')
  @Roles('admin')
  create(@Body() dto: CreateUserDto) {
    return this.users.create(dto);
  }

  /**
   * Changes an account. Deactivating ends the user's sessions and revokes their API keys at
   * once; a new role or dealer ends their sessions. Each change is recorded in the account's history.
   */
  @ApiSummary('Change a user')
  @ApiAnswer(200, USERS_ANSWERS.user, 'The user as changed')
  @ApiErrors(401, 403, 422)
  @Patch('users/:id')
  @Roles('admin')
  @ApiError(400, 'A field is invalid, a dealer-bound role without a dealer, or an admin locking themselves out')
  @ApiError(404, 'No such user, or no such dealerId')
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateUserDto) {
    return this.accounts.update(actor, id, dto);
  }

  /** Sets a one-time password: the user must choose their own at the next sign-in. Their sessions end. */
  @ApiSummary('Sets a one-time password: the user must choose their own at the next sign-in. Their sessions end')
  @ApiNoContent('Set; the user must change it at the next sign-in')
  @ApiErrors(401, 403, 422)
  @Post('users/:id/password')
  @Roles('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Set; the user must change it at the next sign-in' })
  @ApiError(400, 'Shorter than 12 characters, or one of the most common passwords')
  @ApiError(404, 'No such user')
  async setPassword(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SetPasswordDto): Promise<void> {
    await this.accounts.setOneTimePassword(actor, id, dto.password);
  }

  @ApiSummary('The API keys (never their secrets)')
  @ApiAnswer(200, USERS_ANSWERS.listKeys)
  @ApiErrors(401, 403)
  @Get('admin/api-keys')
  @Roles('admin')
  listKeys() {
    return this.apiKeys.list();
  }

  /** The key is in this answer only; it cannot be shown again. */
  @ApiSummary('The key is in this answer only; it cannot be shown again')
  @ApiAnswer(201, USERS_ANSWERS.createKey)
  @ApiErrors(400, 401, 403, 422)
  @Post('admin/api-keys')
  @Roles('admin')
  async createKey(@CurrentActor() actor: Actor, @Body() dto: CreateApiKeyDto) {
    const { id, key, view } = await this.apiKeys.create(actor, dto.userId, dto.name, dto.scopes);
    return { ...view, id, key };
  }

  @ApiSummary('Revoke an API key')
  @ApiNoContent()
  @ApiErrors(400, 401, 403, 404, 422)
  @Delete('admin/api-keys/:id')
  @Roles('admin')
  @HttpCode(204)
  revokeKey(@Param('id', ParseUUIDPipe) id: string) {
    return this.apiKeys.revoke(id);
  }
}
