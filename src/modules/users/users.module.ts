import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DealersModule } from '../dealers/dealers.module.js';
import { AccountController } from './account.controller.js';
import { AccountPageController } from './account.page-controller.js';
import { AccountsService } from './accounts.service.js';
import { ApiKey } from './api-key.entity.js';
import { ApiKeysService } from './api-keys.service.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthPageController } from './auth.page-controller.js';
import { AuthService } from './auth.service.js';
import { Session } from './session.entity.js';
import { SessionsService } from './sessions.service.js';
import { SessionFlashService } from './session-flash.service.js';
import { UserEvent } from './user-event.entity.js';
import { SignInLimitsService } from './sign-in-limits.service.js';
import { StaffDirectory } from './staff-directory.js';
import { User } from './user.entity.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([User, Session, ApiKey, UserEvent]), DealersModule],
  controllers: [AuthController, UsersController, AuthPageController, AccountController, AccountPageController],
  providers: [StaffDirectory, UsersService, SessionsService, SessionFlashService, ApiKeysService, AuthService, AccountsService, SignInLimitsService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [StaffDirectory, UsersService, ApiKeysService, AccountsService, SessionFlashService],
})
export class UsersModule {}
