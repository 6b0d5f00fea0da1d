import { applyDecorators } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { ApiBearerAuth, ApiCookieAuth, ApiExtraModels, ApiOperation, ApiResponse, ApiSecurity, getSchemaPath } from '@nestjs/swagger';
import type { Answer } from './answer-schemas.js';
import { ERROR_CODES, type ErrorCode } from '../errors/error-codes.js';
import { ErrorResponseDto } from './error-response.dto.js';

/** An example code per status for the documented error bodies (any code of the table with that status). */
function exampleCode(status: number): ErrorCode | undefined {
  return (Object.keys(ERROR_CODES) as ErrorCode[]).find((code) => ERROR_CODES[code].status === status);
}

/** The shared error body (`{ statusCode, error, message, code }`) for one status, saying when it happens. */
export function ApiError(status: number, description?: string): MethodDecorator & ClassDecorator {
  const code = exampleCode(status);
  const error = STATUS_CODES[status] ?? 'Error';
  // Spelled out as application/json: a CSV route's refusals are JSON too.
  return applyDecorators(
    ApiResponse({
      status,
      description: description ?? error,
      content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponseDto) }, example: { statusCode: status, error, message: error, ...(code ? { code } : {}) } } },
    }),
    ApiExtraModels(ErrorResponseDto),
  );
}

/** The shared error body for each status given. */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...statuses.map((status) => ApiError(status)));
}

/** A one-line summary of the operation. */
export const ApiSummary = (summary: string) => ApiOperation({ summary });

/** Staff routes: a session cookie (writes also need X-CSRF-Token) or an API key as Bearer. */
export const ApiStaffAuth = () => applyDecorators(ApiBearerAuth(), ApiCookieAuth());

/** Routes only a signed-in person may call: the session cookie, never an API key. */
export const ApiSessionOnly = () => ApiCookieAuth();

/** No credentials at all (sign-in, health, the customer's tracking link): an empty security requirement. */
export const ApiNoAuth = () => ApiSecurity({});

/** A JSON answer described by a schema object (or a shared one: answerSchema), with an example that validates against it. */
export function ApiAnswer(status: number, answer: Answer, description = STATUS_CODES[status] ?? 'OK') {
  return ApiResponse({ status, description, content: { 'application/json': { schema: answer.schema, ...(answer.example === undefined ? {} : { example: answer.example }) } } });
}

/** A CSV download (UTF-8 with BOM). */
export const ApiCsvAnswer = (description = 'The rows as CSV (UTF-8 with BOM; formulas neutralised)') =>
  ApiResponse({ status: 200, description, content: { 'text/csv': { schema: { type: 'string' } } } });

/** Done, nothing to say. */
export const ApiNoContent = (description = 'Done') => ApiResponse({ status: 204, description });
