import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { answerSchemas } from './answer-schemas.js';

/** The public contract, read from the controllers' decorators: served at /api/docs-json and linted in CI. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Amends API')
      .setDescription('Complaints and service recovery for car dealers. Browsers use the session cookie and X-CSRF-Token; integrations use Authorization: Bearer <api key>.')
      .setVersion('1')
      .addServer('/')
      .addBearerAuth()
      .addCookieAuth('amends_session')
      .build(),
  );
  // The answers' shared schemas (answerSchema) beside the DTOs Nest found.
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, ...answerSchemas() } };
  return doc;
}
