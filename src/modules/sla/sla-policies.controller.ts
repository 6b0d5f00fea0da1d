import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../users/auth.decorators.js';
import { PutSlaPolicyDto } from './sla-policy.dto.js';
import { SlaPoliciesService } from './sla-policies.service.js';
import { ApiAnswer, ApiErrors, ApiSummary } from '../../common/openapi/api-docs.decorators.js';
import { SLA_POLICIES_ANSWERS } from './sla-policies.answers.js';

@ApiTags('sla')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('api/sla/policies')
export class SlaPoliciesController {
  constructor(private readonly policies: SlaPoliciesService) {}

  @ApiSummary('The SLA targets per severity')
  @ApiAnswer(200, SLA_POLICIES_ANSWERS.list)
  @ApiErrors(401, 403)
  @Get()
  list() {
    return this.policies.list();
  }

  /** Targets in business minutes from receivedAt; applies to tickets received afterwards. */
  @ApiSummary('Targets in business minutes from receivedAt; applies to tickets received afterwards')
  @ApiAnswer(200, SLA_POLICIES_ANSWERS.put)
  @ApiErrors(400, 401, 403, 404, 422)
  @Put(':severity')
  @Roles('admin')
  @ApiParam({ name: 'severity', enum: ['low', 'medium', 'high', 'critical'] })
  put(@Param('severity') severity: string, @Body() dto: PutSlaPolicyDto) {
    return this.policies.put(severity, dto);
  }
}
