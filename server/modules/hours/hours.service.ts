import { sql } from 'drizzle-orm';
import type { AllocationPreview, AllocationPreviewQuery } from '../../../contracts/hours.ts';
import { type DatabaseClient, queryRows } from '../../db/client.ts';
import { type Actor, canAccess } from '../../platform/access/policies.ts';
import { auditActorOf, type RequestMeta, recordAudit } from '../../platform/audit/audit.ts';
import { Forbidden, ValidationFailed } from '../../platform/http/errors.ts';
import { type AllocationProblem, allocateHours } from './allocation.rules.ts';
import { historicalRequestCounts } from './hours.schema.ts';

// Which form field a refusal of the allocation rule belongs to.
const problemFields: Record<AllocationProblem, string> = {
  total_not_positive: 'totalHours',
  weight_out_of_range: 'pupilWeightPercent',
  minimum_negative: 'minimumHours',
  not_a_multiple_of_unit: 'totalHours',
  minimum_exceeds_total: 'minimumHours',
  no_schools_with_pupils: 'schoolYear',
};

/** Hours (R14): the allocation key and its inputs. */
export class HoursService {
  constructor(private readonly database: DatabaseClient) {}

  /**
   * Computes the allocation of a school year with every input and step per school: pupils of the
   * previous 1 October count, past requests of the reference years (Passend's own, not drafts or
   * refusals, plus counts entered for years before Passend), and the rule's rounded hours.
   */
  preview(actor: Actor, query: AllocationPreviewQuery, meta: RequestMeta): Promise<AllocationPreview> {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const pupilCountYear = query.schoolYear - 1;
      const firstReferenceYear = query.schoolYear - query.referenceYears;
      const rows = await queryRows<{
        id: string;
        name: string;
        pupils: number | string;
        requests: number | string;
      }>(
        transaction.db,
        sql`select l.id, l.name,
            coalesce((select c.pupils from pupil_counts c where c.location_id = l.id
              and c.school_year = ${pupilCountYear}), 0) as pupils,
            (select count(*) from support_requests s where s.location_id = l.id
              and s.school_year between ${firstReferenceYear} and ${query.schoolYear - 1}
              and s.status not in ('draft', 'refused'))
            + coalesce((select sum(h.count) from historical_request_counts h where h.location_id = l.id
              and h.school_year between ${firstReferenceYear} and ${query.schoolYear - 1}), 0) as requests
          from locations l
          where l.sector in ('bo', 'sbo', 'so')
            and (l.active_to is null or l.active_to >= ${`${query.schoolYear}-08-01`}::date)
            and (l.active_from is null or l.active_from <= ${`${query.schoolYear + 1}-07-31`}::date)
          order by l.name, l.id`,
      );
      const [contracted] = await queryRows<{ total: number | string | null }>(
        transaction.db,
        sql`select sum(contracted_hours) as total from team_member_hours where school_year = ${query.schoolYear}`,
      );
      const contractedHours = Number(contracted?.total ?? 0);
      const totalSource = query.totalHours === undefined ? 'team' : 'fixed';
      const totalHours = query.totalHours ?? contractedHours - query.setAsideHours;
      const result = allocateHours(
        rows.map((row) => ({
          locationId: row.id,
          pupils: Number(row.pupils),
          requests: Number(row.requests),
        })),
        {
          totalHours,
          pupilWeightPercent: query.pupilWeightPercent,
          minimumHours: query.minimumHours,
          roundingUnit: query.roundingUnit === '0.5' ? 0.5 : 1,
        },
      );
      if (!result.ok) {
        const path =
          totalSource === 'team' && problemFields[result.problem] === 'totalHours'
            ? 'setAsideHours'
            : problemFields[result.problem];
        throw new ValidationFailed([{ path, code: result.problem }]);
      }
      await recordAudit(transaction, auditActorOf(actor, meta), 'allocations.previewed', null, {
        schoolYear: query.schoolYear,
        schools: result.lines.length,
      });
      const nameOf = new Map(rows.map((row) => [row.id, row.name]));
      return {
        schoolYear: query.schoolYear,
        pupilCountYear,
        referenceSchoolYears: Array.from(
          { length: query.referenceYears },
          (_, index) => firstReferenceYear + index,
        ),
        totalHours,
        totalSource,
        contractedHours,
        effectivePupilWeightPercent: result.effectivePupilWeightPercent,
        lines: result.lines.map((line) => ({ ...line, name: nameOf.get(line.locationId) ?? '' })),
        excluded: result.excludedWithoutPupils.map((locationId) => ({
          locationId,
          name: nameOf.get(locationId) ?? '',
        })),
      };
    });
  }

  /** Records the past requests of a school in a school year before Passend (for the allocation key). */
  setHistoricalCount(actor: Actor, locationId: string, schoolYear: number, count: number, meta: RequestMeta) {
    return this.database.withTenant(actor.tenantId, async (transaction) => {
      const [location] = await queryRows<{ id: string }>(
        transaction.db,
        sql`select id from locations where id = ${locationId}::uuid and sector in ('bo', 'sbo', 'so')`,
      );
      if (!location) throw new ValidationFailed([{ path: 'locationId', code: 'not_primary_location' }]);
      if (!canAccess(actor, 'allocations.manage', { tenantId: actor.tenantId, locationId }))
        throw new Forbidden();
      await transaction.db
        .insert(historicalRequestCounts)
        .values({ tenantId: actor.tenantId, locationId, schoolYear, count })
        .onConflictDoUpdate({
          target: [historicalRequestCounts.locationId, historicalRequestCounts.schoolYear],
          set: { count, updatedAt: new Date() },
        });
      await recordAudit(
        transaction,
        auditActorOf(actor, meta),
        'allocations.history_set',
        { type: 'location', id: locationId },
        {
          schoolYear,
          count,
        },
      );
    });
  }
}
