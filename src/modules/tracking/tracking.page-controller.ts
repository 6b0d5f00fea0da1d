import { Controller, Get, Header, Param, Render } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../users/auth.decorators.js';
import { TrackingService } from './tracking.service.js';

@ApiExcludeController()
@Controller('track')
export class TrackingPageController {
  constructor(private readonly tracking: TrackingService) {}

  @Get(':token')
  @Public()
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @Header('X-Robots-Tag', 'noindex, nofollow')
  @Render('tracking/show')
  async show(@Param('token') token: string) {
    return { title: 'Your case', layout: 'layouts/public', noindex: true, view: await this.tracking.view(token) };
  }
}
