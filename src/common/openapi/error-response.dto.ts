import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_CODES } from '../errors/error-codes.js';

/**
 * The body of every 4xx/5xx answer of the API (AllExceptionsFilter). `code` is there when a
 * service refused (a DomainError, one of the code table's keys); framework refusals
 * (an unknown route, a bad UUID in the path, a body that is not JSON) carry none.
 */
export class ErrorResponseDto {
  @ApiProperty({ example: 404 })
  statusCode!: number;

  @ApiProperty({ example: 'Not Found' })
  error!: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    description: 'What went wrong; for validation errors, one line per offending field',
    example: 'No such ticket',
  })
  message!: string | string[];

  @ApiPropertyOptional({ enum: Object.keys(ERROR_CODES), example: 'ticket.not-found' })
  code?: string;
}
