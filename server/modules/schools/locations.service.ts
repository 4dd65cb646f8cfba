import { and, asc, count, eq, ilike, or } from 'drizzle-orm';
import type { PaginationQuery } from '../../../contracts/fields.ts';
import type { Location } from '../../../contracts/locations.ts';
import type { DatabaseClient } from '../../db/client.ts';
import { type Actor, canAccess, scopeCondition } from '../../platform/access/policies.ts';
import { auditActorOf, type RequestMeta, recordAudit } from '../../platform/audit/audit.ts';
import { Forbidden, NotFound } from '../../platform/http/errors.ts';
import { containsPattern, loadPage } from '../../platform/http/pagination.ts';
import { locations } from './schools.schema.ts';

const columns = {
  id: locations.id,
  name: locations.name,
  brin: locations.brin,
  locationCode: locations.locationCode,
  sector: locations.sector,
  place: locations.place,
};

/** School locations, limited to what the actor's roles reach. */
export class LocationsService {
  constructor(private readonly database: DatabaseClient) {}

  /** A page of locations the actor may see, searched by name, BRIN or place. */
  listLocations(actor: Actor, query: PaginationQuery, meta: RequestMeta) {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const { db } = transaction;
      const search = query.q
        ? or(
            ilike(locations.name, containsPattern(query.q)),
            ilike(locations.brin, containsPattern(query.q)),
            ilike(locations.place, containsPattern(query.q)),
          )
        : undefined;
      const where = and(scopeCondition(actor, 'locations.read', { locationId: locations.id }), search);
      const page = await loadPage(
        query,
        ({ limit, offset }): Promise<Location[]> =>
          db
            .select(columns)
            .from(locations)
            .where(where)
            .orderBy(asc(locations.name), asc(locations.id))
            .limit(limit)
            .offset(offset),
        () => db.select({ total: count() }).from(locations).where(where),
      );
      await recordAudit(transaction, auditActorOf(actor, meta), 'locations.listed', null, {
        count: page.items.length,
      });
      return page;
    });
  }

  /** One location, when the actor's roles reach it. */
  getLocation(actor: Actor, locationId: string, meta: RequestMeta): Promise<Location> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const [location] = await transaction.db
        .select(columns)
        .from(locations)
        .where(eq(locations.id, locationId));
      if (!location) throw new NotFound();
      if (!canAccess(actor, 'locations.read', { tenantId: actor.tenantId, locationId: location.id }))
        throw new Forbidden();
      await recordAudit(transaction, auditActorOf(actor, meta), 'locations.viewed', {
        type: 'location',
        id: location.id,
      });
      return location;
    });
  }
}
