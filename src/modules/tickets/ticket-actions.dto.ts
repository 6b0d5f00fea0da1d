import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, Length } from 'class-validator';

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
