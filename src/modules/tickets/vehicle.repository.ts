import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { updateChanged } from '../../common/database/changed-columns.js';
import { insertRows } from '../../common/database/insert-rows.js';
import { Vehicle } from './vehicle.entity.js';

/** The vehicles' SQL, inside the caller's transaction; service specs swap it for an in-memory one. */
@Injectable()
export class VehicleRepository {
  /** A customer's vehicle with this VIN (a car that changed owners is another customer's vehicle). */
  byVin(m: EntityManager, customerId: string, vin: string): Promise<Vehicle | null> {
    return m.findOneBy(Vehicle, { customerId, vin });
  }

  async insert(m: EntityManager, vehicle: Vehicle): Promise<void> {
    await insertRows(m, Vehicle, vehicle);
  }

  /** Only the columns that changed (save() would read the row back first). */
  updateChanged(m: EntityManager, before: Vehicle, after: Vehicle): Promise<void> {
    return updateChanged(m, Vehicle, before, after);
  }
}
