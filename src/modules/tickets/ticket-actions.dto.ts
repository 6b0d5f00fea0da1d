import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, IsUUID, Length, Matches } from 'class-validator';
import { REF_PATTERN } from './ticket-ref.js';

export class PostMessageDto {
  @ApiProperty({ example: 'We have booked you with the sales manager on Thursday at 9:00.' })
  @IsString() @Length(1, 5000)
  body: string;

  @ApiProperty({ enum: ['customer', 'internal'], description: 'customer: shown on the tracking page; internal: staff only' })
  @IsIn(['customer', 'internal'], { message: 'visibility must be customer or internal' })
  visibility: 'customer' | 'internal';
}

export class AssignDto {
  @ApiProperty() @IsUUID('all', { message: 'assigneeId must be a user id' })
  assigneeId: string;
}

export class BulkAssignDto extends AssignDto {
  @ApiProperty({ type: [String], example: ['AM-2026-000001', 'AM-2026-000002'], maxItems: 200 })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200)
  @Matches(REF_PATTERN, { each: true, message: 'refs must be ticket references such as AM-2026-000123' })
  refs: string[];
}
