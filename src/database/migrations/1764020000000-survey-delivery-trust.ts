import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from './column-helpers.js';

/**
 * Who may deliver survey responses: scopes on API keys (a `survey-provider` key), and a
 * survey's optional shared secret for signed webhook deliveries.
 */
export class SurveyDeliveryTrust1764020000000 implements MigrationInterface {
  name = 'SurveyDeliveryTrust1764020000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    // JSON list of scopes; null: none (every key made before this).
    await queryRunner.addColumns('api_keys', [new TableColumn(c.text('scopes', true))]);
    await queryRunner.addColumns('surveys', [new TableColumn(c.str('signingSecret', 200, true))]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('surveys', ['signingSecret']);
    await queryRunner.dropColumns('api_keys', ['scopes']);
  }
}
