import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RateLimit } from '../../common/http/rate-limit.js';
import { Public } from '../users/auth.decorators.js';
import { CustomerMessageDto, CustomerReopenDto, RatingDto } from './tracking.dto.js';
import { TrackingService } from './tracking.service.js';
import { ApiAnswer, ApiError, ApiErrors, ApiNoAuth, ApiSummary } from '../../common/openapi/api-docs.decorators.js';
import { TRACKING_ANSWERS } from './tracking.answers.js';

/** The customer's side: no sign-in, the token is the key. */
@ApiTags('tracking')
@Controller('api/track')
@ApiNoAuth()
@Public()
export class TrackingController {
  constructor(private readonly tracking: TrackingService) {}

  @ApiSummary('The customer\'s view of their case')
  @ApiAnswer(200, TRACKING_ANSWERS.trackingView)
  @Get(':token')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiError(404, 'Unknown, revoked or lapsed token (links lapse TRACKING_LINK_DAYS_AFTER_CLOSE days after the case closes)')
  view(@Param('token') token: string, @Query('lang') lang?: string) {
    return this.tracking.view(token, lang);
  }

  @ApiSummary('A message from the customer')
  @ApiAnswer(201, TRACKING_ANSWERS.trackingView)
  @ApiErrors(400, 404, 422)
  @Post(':token/messages')
  @HttpCode(201)
  @RateLimit('tracking')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiError(429, 'Too many posts for this link')
  message(@Param('token') token: string, @Body() dto: CustomerMessageDto) {
    return this.tracking.postMessage(token, dto.body);
  }

  @ApiSummary('The customer\'s rating of the outcome')
  @ApiAnswer(200, TRACKING_ANSWERS.trackingView)
  @ApiErrors(400, 404, 422, 429)
  @Post(':token/rating')
  @HttpCode(200)
  @RateLimit('tracking')
  @Header('Referrer-Policy', 'no-referrer')
  rate(@Param('token') token: string, @Body() dto: RatingDto) {
    return this.tracking.rate(token, dto.score, dto.comment);
  }

  @ApiSummary('The customer reopens the case')
  @ApiAnswer(200, TRACKING_ANSWERS.trackingView)
  @ApiErrors(400, 404, 422, 429)
  @Post(':token/reopen')
  @HttpCode(200)
  @RateLimit('tracking')
  @Header('Referrer-Policy', 'no-referrer')
  reopen(@Param('token') token: string, @Body() dto: CustomerReopenDto) {
    return this.tracking.reopen(token, dto.reason);
  }
}
