import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../users/auth.decorators.js';
import { TrackingService } from './tracking.service.js';

@ApiTags('tracking')
@Controller('api/track')
export class TrackingController {
  constructor(private readonly tracking: TrackingService) {}

  /** The customer's view of their case. No sign-in: the token is the key. */
  @Get(':token')
  @Public()
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiNotFoundResponse({ description: 'Unknown token' })
  view(@Param('token') token: string) {
    return this.tracking.view(token);
  }
}
