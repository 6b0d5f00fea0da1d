import { applyDecorators } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiResponse, ApiSecurity } from '@nestjs/swagger';
import { ERROR_CODES, type ErrorCode } from '../errors/error-codes.js';
import { ErrorResponseDto } from './error-response.dto.js';

/** An example code per status for the documented error bodies (any code of the table with that status). */
function exampleCode(status: number): ErrorCode | undefined {
  return (Object.keys(ERROR_CODES) as ErrorCode[]).find((code) => ERROR_CODES[code].status === status);
}

/** The shared error body (`{ statusCode, error, message, code }`) for each status given. */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) => {
      const code = exampleCode(status);
      const error = STATUS_CODES[status] ?? 'Error';
      return ApiResponse({
        status,
        description: error,
        type: ErrorResponseDto,
        example: { statusCode: status, error, message: error, ...(code ? { code } : {}) },
      });
    }),
  );
}

/** A one-line summary of the operation. */
export const ApiSummary = (summary: string) => ApiOperation({ summary });

/** Staff routes: a session cookie (writes also need X-CSRF-Token) or an API key as Bearer. */
export const ApiStaffAuth = () => applyDecorators(ApiBearerAuth(), ApiCookieAuth());

/** Routes only a signed-in person may call: the session cookie, never an API key. */
export const ApiSessionOnly = () => ApiCookieAuth();

/** No credentials at all (sign-in, health, the customer's tracking link): an empty security requirement. */
export const ApiNoAuth = () => ApiSecurity({});
