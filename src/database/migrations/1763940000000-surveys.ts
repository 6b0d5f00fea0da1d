import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from './column-helpers.js';

/** Survey definitions, responses (one per external id) and their answers for the index. */
export class Surveys1763940000000 implements MigrationInterface {
  name = 'Surveys1763940000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    const fk = (columnNames: string[], referencedTableName: string) => ({ columnNames, referencedTableName, referencedColumnNames: ['id'] });
    await queryRunner.createTable(
      new Table({ name: 'surveys', columns: [c.id(), c.str('name', 200), c.str('kind', 20), c.text('questions'), c.text('severityBands', true), c.at('createdAt')] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'survey_responses',
        columns: [
          c.id(), c.ref('surveyId'), c.str('externalId', 200), c.ref('dealerId'), c.ref('customerId', true), c.at('respondedAt'),
          c.text('answers'), c.str('bodyHash', 64), c.bool('negative'), c.ref('ticketId', true), c.str('ticketRef', 20, true), c.at('createdAt'),
        ],
        // The same external id is accepted once per survey, whoever delivers it and however often.
        uniques: [{ name: 'UQ_survey_responses_external', columnNames: ['surveyId', 'externalId'] }],
        indices: [{ name: 'IDX_survey_responses_dealer', columnNames: ['dealerId', 'respondedAt'] }],
        foreignKeys: [fk(['surveyId'], 'surveys'), fk(['dealerId'], 'dealers'), fk(['ticketId'], 'tickets')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'survey_answers',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          c.ref('responseId'), c.ref('dealerId'), c.at('respondedAt'), c.str('questionId', 64), c.str('area', 48),
          { name: 'weight', type: 'decimal', precision: 8, scale: 3 }, c.int('score'), c.int('scaleMax'),
        ],
        // The index reads a dealer's answers in a period.
        indices: [{ name: 'IDX_survey_answers_dealer', columnNames: ['dealerId', 'respondedAt'] }, { columnNames: ['responseId'] }],
        foreignKeys: [fk(['responseId'], 'survey_responses'), fk(['dealerId'], 'dealers')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const t of ['survey_answers', 'survey_responses', 'surveys']) await queryRunner.dropTable(t);
  }
}
