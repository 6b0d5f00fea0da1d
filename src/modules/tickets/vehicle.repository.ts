import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { updateChanged } from '../../common/database/changed-columns.js';
import { insertPlainRows } from '../../common/database/insert-rows.js';
import { Vehicle } from './vehicle.entity.js';

/** The vehicles' SQL, inside the caller's transaction; service specs swap it for an in-memory one. */
@Injectable()
export class VehicleRepository {
  /** A customer's vehicle with this VIN (a car that changed owners is another customer's vehicle). */
  byVin(m: EntityManager, customerId: string, vin: string): Promise<Vehicle | null> {
    return m.findOneBy(Vehicle, { customerId, vin });
  }

  /** `byVin` for several (customer, VIN) pairs in one read; keyed by `${customerId} ${vin}`. */
  async byVins(m: EntityManager, pairs: { customerId: string; vin: string }[]): Promise<Map<string, Vehicle>> {
    const found = new Map<string, Vehicle>();
    if (!pairs.length) return found;
    for (const v of await m.find(Vehicle, { where: pairs.map(({ customerId, vin }) => ({ customerId, vin })) })) {
      const key = `${v.customerId} ${v.vin}`;
      if (!found.has(key)) found.set(key, v);
    }
    return found;
  }

  async insert(m: EntityManager, vehicle: Vehicle): Promise<void> {
    await insertPlainRows(m, Vehicle, [vehicle]);
  }

  async insertMany(m: EntityManager, vehicles: Vehicle[]): Promise<void> {
    await insertPlainRows(m, Vehicle, vehicles);
  }

  /** Only the columns that changed (save() would read the row back first). */
  updateChanged(m: EntityManager, before: Vehicle, after: Vehicle): Promise<void> {
    return updateChanged(m, Vehicle, before, after);
  }
}
