import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type {
  Allocation,
  AllocationExportFormat,
  AllocationInput,
  AllocationPreview,
  AllocationPreviewQuery,
  AllocationVersionList,
} from '../../../contracts/hours.ts';
import { isUniqueViolation, queryRows, type Transaction } from '../../db/client.ts';
import { idPlaceholder, rowById } from '../../db/prepared.ts';
import { RuleViolation, ValidationFailed } from '../../platform/http/errors.ts';
import { translate } from '../../platform/i18n/messages.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { defineTarget } from '../../platform/kernel/targets.ts';
import { locationTarget } from '../schools/locations.service.ts';
import { locations } from '../schools/schools.schema.ts';
import { type AllocationProblem, allocateHours } from './allocation.rules.ts';
import { allocationLines, allocations, historicalRequestCounts } from './hours.schema.ts';

// Which form field a refusal of the allocation rule belongs to.
const problemFields: Record<AllocationProblem, string> = {
  total_not_positive: 'totalHours',
  weight_out_of_range: 'pupilWeightPercent',
  minimum_negative: 'minimumHours',
  not_a_multiple_of_unit: 'totalHours',
  minimum_exceeds_total: 'minimumHours',
  no_schools_with_pupils: 'schoolYear',
};

type AllocationRow = typeof allocations.$inferSelect;

/** An allocation version as a route's target: the partnership's own, for whoever manages the key. */
export const allocationTarget = defineTarget<AllocationRow>({
  readAction: 'allocations.manage',
  load: ({ db }, id, { lock }) => selectAllocation(db, id, lock),
  scopeOf: (row) => ({ tenantId: row.tenantId }),
});

const selectAllocation = rowById('allocation', (db, lock) => {
  const query = db.select().from(allocations).where(eq(allocations.id, idPlaceholder));
  return lock ? query.for('update') : query;
});

/**
 * Computes the allocation of a school year with every input and step per school: pupils of the
 * previous 1 October count, past requests of the reference years (Passend's own, not drafts or
 * refusals, plus counts entered for years before Passend), and the rule's rounded hours.
 */
export async function previewAllocation(
  context: UseCaseContext,
  query: AllocationPreviewQuery,
): Promise<AllocationPreview> {
  const preview = await computeAllocation(context.transaction, {
    ...query,
    totalHours: query.totalHours ?? null,
    roundingUnit: query.roundingUnit === '0.5' ? 0.5 : 1,
  });
  await context.audit('allocations.previewed', null, {
    schoolYear: query.schoolYear,
    schools: preview.lines.length,
  });
  return preview;
}

/** The versions of the allocation of a school year, newest first. */
export async function listAllocationVersions(
  context: UseCaseContext,
  schoolYear: number,
): Promise<AllocationVersionList> {
  const rows = await context.db
    .select()
    .from(allocations)
    .where(and(context.scope('allocations.manage', {}), eq(allocations.schoolYear, schoolYear)))
    .orderBy(desc(allocations.version));
  return {
    items: rows.map((row) => ({
      id: row.id,
      version: row.version,
      status: row.status,
      totalHours: Number(row.totalHours),
      reason: row.reason,
      createdAt: row.createdAt.toISOString(),
      adoptedAt: row.adoptedAt?.toISOString() ?? null,
    })),
  };
}

/** One version with its explanation table. */
export async function getAllocation(context: UseCaseContext, allocationId: string): Promise<Allocation> {
  const allocation = await context.load(allocationTarget, allocationId);
  await context.audit('allocations.viewed', { type: 'allocation', id: allocation.id });
  return allocationView(context.transaction, allocation);
}

/**
 * A new version for a school year, computed and stored as a draft. Once a version is adopted, a new
 * one is a correction and needs its reason.
 */
export async function createAllocation(context: UseCaseContext, input: AllocationInput): Promise<Allocation> {
  const existing = await context.db
    .select({ version: allocations.version, status: allocations.status })
    .from(allocations)
    .where(eq(allocations.schoolYear, input.schoolYear));
  if (existing.some((row) => row.status === 'draft')) throw new RuleViolation('allocation_draft_exists');
  if (existing.some((row) => row.status === 'adopted') && !input.reason)
    throw new ValidationFailed([{ path: 'reason', code: 'reason_required' }]);
  const allocation = await insertAllocationVersion(context.transaction, {
    input,
    version: Math.max(0, ...existing.map((row) => row.version)) + 1,
    userId: context.actor.userId,
    adoptedAt: null,
  });
  await context.audit(
    'allocations.created',
    { type: 'allocation', id: allocation.id },
    { schoolYear: input.schoolYear, version: allocation.version },
  );
  return allocationView(context.transaction, allocation);
}

/**
 * A version as a file: CSV (semicolons and decimal commas, for Dutch Excel), XLSX or PDF, in the
 * reader's language. The writers are loaded on first use; most processes never export.
 */
export async function exportAllocation(
  context: UseCaseContext,
  allocationId: string,
  format: AllocationExportFormat,
): Promise<{ fileName: string; contentType: string; body: string | Buffer }> {
  const { locale } = context;
  const allocation = await allocationView(
    context.transaction,
    await context.load(allocationTarget, allocationId),
  );
  const [tenant] = await queryRows<{ name: string }>(context.db, sql`select name from tenants`);
  await context.audit('allocations.exported', { type: 'allocation', id: allocation.id }, { format });
  const exporter = await import('./allocation.export.ts');
  const t = (key: string, params?: Record<string, unknown>) => translate(locale, key, params);
  const fileName = exporter.allocationFileName(allocation, format);
  if (format === 'csv')
    return { fileName, contentType: 'text/csv; charset=utf-8', body: exporter.allocationCsv(allocation) };
  if (format === 'xlsx')
    return {
      fileName,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: await exporter.allocationXlsx(allocation, t),
    };
  return {
    fileName,
    contentType: 'application/pdf',
    body: await exporter.allocationPdf(allocation, t, {
      partnershipName: tenant?.name ?? '',
      generatedAt: context.clock.now(),
      locale,
    }),
  };
}

/** Recomputes a draft with new settings; an adopted version is never changed (409). */
export async function updateAllocationDraft(
  context: UseCaseContext,
  allocationId: string,
  input: AllocationInput,
): Promise<Allocation> {
  const allocation = await context.load(allocationTarget, allocationId, { lock: true });
  if (allocation.status !== 'draft') throw new RuleViolation('allocation_adopted');
  if (input.schoolYear !== allocation.schoolYear)
    throw new ValidationFailed([{ path: 'schoolYear', code: 'invalid_value' }]);
  if (allocation.version > 1 && !input.reason)
    throw new ValidationFailed([{ path: 'reason', code: 'reason_required' }]);
  const preview = await computeAllocation(context.transaction, input);
  const [updated] = await context.db
    .update(allocations)
    .set(settingsColumns(input, preview.totalHours))
    .where(eq(allocations.id, allocation.id))
    .returning();
  await context.db.delete(allocationLines).where(eq(allocationLines.allocationId, allocation.id));
  await writeLines(context.transaction, allocation.id, preview);
  await context.audit('allocations.updated', { type: 'allocation', id: allocation.id });
  return allocationView(context.transaction, updated ?? allocation);
}

/** Adopts a draft: from now on it is immutable; the version it corrects becomes superseded. */
export async function adoptAllocation(context: UseCaseContext, allocationId: string): Promise<Allocation> {
  const allocation = await context.load(allocationTarget, allocationId, { lock: true });
  if (allocation.status !== 'draft') throw new RuleViolation('allocation_adopted');
  await context.db
    .update(allocations)
    .set({ status: 'superseded' })
    .where(and(eq(allocations.schoolYear, allocation.schoolYear), eq(allocations.status, 'adopted')));
  const [adopted] = await context.db
    .update(allocations)
    .set({ status: 'adopted', adoptedAt: context.clock.now(), adoptedByUserId: context.actor.userId })
    .where(eq(allocations.id, allocation.id))
    .returning();
  await context.audit(
    'allocations.adopted',
    { type: 'allocation', id: allocation.id },
    { schoolYear: allocation.schoolYear, version: allocation.version },
  );
  return allocationView(context.transaction, adopted ?? allocation);
}

/**
 * Records the past requests of a school in a school year before Passend (for the allocation key);
 * only primary schools take part in it.
 */
export async function setHistoricalCount(
  context: UseCaseContext,
  locationId: string,
  schoolYear: number,
  count: number,
): Promise<void> {
  const location = await context.load(locationTarget, locationId);
  if (!['bo', 'sbo', 'so'].includes(location.sector))
    throw new ValidationFailed([{ path: 'locationId', code: 'not_primary_location' }]);
  await context.db
    .insert(historicalRequestCounts)
    .values({ tenantId: location.tenantId, locationId: location.id, schoolYear, count })
    .onConflictDoUpdate({
      target: [historicalRequestCounts.locationId, historicalRequestCounts.schoolYear],
      set: { count, updatedAt: context.clock.now() },
    });
  await context.audit(
    'allocations.history_set',
    { type: 'location', id: location.id },
    { schoolYear, count },
  );
}

/**
 * Two new versions of a school year stored at once (the same version number, or a second draft):
 * the one that came second finds the draft the other has just made.
 */
function rethrowDraftExists(error: unknown): never {
  throw isUniqueViolation(error, 'allocations_year_version_unique') ||
    isUniqueViolation(error, 'allocations_one_draft_per_year')
    ? new RuleViolation('allocation_draft_exists')
    : error;
}

/** Hours per school in the adopted allocation of a school year (empty when none was adopted). */
async function adoptedHoursOf(transaction: Transaction, schoolYear: number): Promise<Map<string, number>> {
  const rows = await queryRows<{ location_id: string; hours: string | number }>(
    transaction.db,
    sql`select l.location_id, l.hours from allocation_lines l join allocations a on a.id = l.allocation_id
      where a.school_year = ${schoolYear} and a.status = 'adopted'`,
  );
  return new Map(rows.map((row) => [row.location_id, Number(row.hours)]));
}

type AllocationSettingsInput = Omit<AllocationInput, 'reason'> & { reason?: string | null };

/**
 * Gathers the inputs of a school year and applies the rule: pupils of the previous 1 October count,
 * past requests of the reference years (Passend's own, not drafts or refusals, also those deleted
 * after their retention period, plus counts entered for years before Passend), and the total (fixed, or the team's contracted hours minus the set-aside).
 */
async function computeAllocation(
  transaction: Transaction,
  input: AllocationSettingsInput,
): Promise<AllocationPreview> {
  const pupilCountYear = input.schoolYear - 1;
  const firstReferenceYear = input.schoolYear - input.referenceYears;
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
          and s.school_year between ${firstReferenceYear} and ${input.schoolYear - 1}
          and s.status not in ('draft', 'refused'))
        + coalesce((select sum(h.count) from historical_request_counts h where h.location_id = l.id
          and h.school_year between ${firstReferenceYear} and ${input.schoolYear - 1}), 0)
        -- Requests deleted after their retention period still count, by their anonymous figures (P4).
        + coalesce((select sum(f.count) from request_figures f where f.location_id = l.id
          and f.school_year between ${firstReferenceYear} and ${input.schoolYear - 1}
          and f.outcome <> 'refused'), 0) as requests
      from locations l
      where l.sector in ('bo', 'sbo', 'so')
        and (l.active_to is null or l.active_to >= ${`${input.schoolYear}-08-01`}::date)
        and (l.active_from is null or l.active_from <= ${`${input.schoolYear + 1}-07-31`}::date)
      order by l.name, l.id`,
  );
  const [contracted] = await queryRows<{ total: number | string | null }>(
    transaction.db,
    sql`select sum(contracted_hours) as total from team_member_hours where school_year = ${input.schoolYear}`,
  );
  const contractedHours = Number(contracted?.total ?? 0);
  const totalSource = input.totalHours === null ? 'team' : 'fixed';
  const totalHours = input.totalHours ?? contractedHours - input.setAsideHours;
  const result = allocateHours(
    rows.map((row) => ({ locationId: row.id, pupils: Number(row.pupils), requests: Number(row.requests) })),
    {
      totalHours,
      pupilWeightPercent: input.pupilWeightPercent,
      minimumHours: input.minimumHours,
      roundingUnit: input.roundingUnit,
    },
  );
  if (!result.ok) {
    const field = problemFields[result.problem];
    throw new ValidationFailed([
      {
        path: totalSource === 'team' && field === 'totalHours' ? 'setAsideHours' : field,
        code: result.problem,
      },
    ]);
  }
  const nameOf = new Map(rows.map((row) => [row.id, row.name]));
  const lastYear = await adoptedHoursOf(transaction, input.schoolYear - 1);
  return {
    schoolYear: input.schoolYear,
    pupilCountYear,
    referenceSchoolYears: Array.from(
      { length: input.referenceYears },
      (_, index) => firstReferenceYear + index,
    ),
    totalHours,
    totalSource,
    contractedHours,
    effectivePupilWeightPercent: result.effectivePupilWeightPercent,
    lines: result.lines.map((line) => ({
      ...line,
      name: nameOf.get(line.locationId) ?? '',
      lastYearHours: lastYear.get(line.locationId) ?? null,
    })),
    excluded: result.excludedWithoutPupils.map((locationId) => ({
      locationId,
      name: nameOf.get(locationId) ?? '',
    })),
  };
}

/**
 * Computes and stores a version with its lines: a draft (`adoptedAt` null), or — for the demo
 * partnership, which starts with the current year already decided — adopted at once, at `adoptedAt`.
 */
export async function insertAllocationVersion(
  transaction: Transaction,
  options: { input: AllocationSettingsInput; version: number; userId: string; adoptedAt: Date | null },
): Promise<AllocationRow> {
  if (!transaction.tenantId) throw new Error('allocations belong to a partnership');
  const preview = await computeAllocation(transaction, options.input);
  const [allocation] = await transaction.db
    .insert(allocations)
    .values({
      tenantId: transaction.tenantId,
      schoolYear: options.input.schoolYear,
      version: options.version,
      status: options.adoptedAt ? 'adopted' : 'draft',
      createdByUserId: options.userId,
      adoptedByUserId: options.adoptedAt ? options.userId : null,
      adoptedAt: options.adoptedAt,
      ...settingsColumns(options.input, preview.totalHours),
    })
    .returning()
    .catch(rethrowDraftExists);
  if (!allocation) throw new Error('insert returned nothing');
  await writeLines(transaction, allocation.id, preview);
  return allocation;
}

function settingsColumns(input: AllocationSettingsInput, totalHours: number) {
  return {
    fixedTotalHours: input.totalHours === null ? null : String(input.totalHours),
    setAsideHours: String(input.setAsideHours),
    totalHours: String(totalHours),
    pupilWeightPercent: input.pupilWeightPercent,
    referenceYears: input.referenceYears,
    minimumHours: String(input.minimumHours),
    roundingUnit: String(input.roundingUnit),
    reason: input.reason ?? null,
  };
}

// Schools left out for lack of pupils are stored as lines with no pupils and no hours.
async function writeLines(transaction: Transaction, allocationId: string, preview: AllocationPreview) {
  if (!transaction.tenantId) throw new Error('allocations belong to a partnership');
  const tenantId = transaction.tenantId;
  const values = [
    ...preview.lines.map((line) => ({
      tenantId,
      allocationId,
      locationId: line.locationId,
      pupils: line.pupils,
      requests: line.requests,
      pupilShare: String(line.pupilShare),
      requestShare: String(line.requestShare),
      rawHours: String(line.rawHours),
      hours: String(line.hours),
    })),
    ...preview.excluded.map((school) => ({
      tenantId,
      allocationId,
      locationId: school.locationId,
      pupils: 0,
      requests: 0,
      pupilShare: '0',
      requestShare: '0',
      rawHours: '0',
      hours: '0',
    })),
  ];
  if (values.length > 0) await transaction.db.insert(allocationLines).values(values);
}

/** The adopted allocation of a school year, or null: the annual report explains the key with it. */
export async function adoptedAllocationOf(
  transaction: Transaction,
  schoolYear: number,
): Promise<Allocation | null> {
  const [adopted] = await transaction.db
    .select()
    .from(allocations)
    .where(and(eq(allocations.schoolYear, schoolYear), eq(allocations.status, 'adopted')))
    .limit(1);
  return adopted ? allocationView(transaction, adopted) : null;
}

async function allocationView(transaction: Transaction, allocation: AllocationRow): Promise<Allocation> {
  const lines = await transaction.db
    .select({
      locationId: allocationLines.locationId,
      name: locations.name,
      pupils: allocationLines.pupils,
      requests: allocationLines.requests,
      pupilShare: allocationLines.pupilShare,
      requestShare: allocationLines.requestShare,
      rawHours: allocationLines.rawHours,
      hours: allocationLines.hours,
    })
    .from(allocationLines)
    .innerJoin(locations, eq(locations.id, allocationLines.locationId))
    .where(eq(allocationLines.allocationId, allocation.id))
    .orderBy(asc(locations.name), asc(locations.id));
  const people = await queryRows<{ id: string; name: string }>(
    transaction.db,
    sql`select id, name from users where id in (${allocation.createdByUserId}::uuid, ${allocation.adoptedByUserId ?? allocation.createdByUserId}::uuid)`,
  );
  const nameOf = (id: string | null) => people.find((person) => person.id === id)?.name ?? null;
  const [contracted] = await queryRows<{ total: number | string | null }>(
    transaction.db,
    sql`select sum(contracted_hours) as total from team_member_hours where school_year = ${allocation.schoolYear}`,
  );
  const referenceYears = allocation.referenceYears;
  const lastYear = await adoptedHoursOf(transaction, allocation.schoolYear - 1);
  const hasRequests = lines.some((line) => line.requests > 0);
  return {
    id: allocation.id,
    version: allocation.version,
    status: allocation.status,
    reason: allocation.reason,
    schoolYear: allocation.schoolYear,
    pupilCountYear: allocation.schoolYear - 1,
    referenceSchoolYears: Array.from(
      { length: referenceYears },
      (_, index) => allocation.schoolYear - referenceYears + index,
    ),
    totalHours: Number(allocation.totalHours),
    totalSource: allocation.fixedTotalHours === null ? 'team' : 'fixed',
    contractedHours: Number(contracted?.total ?? 0),
    effectivePupilWeightPercent: hasRequests ? allocation.pupilWeightPercent : 100,
    settings: {
      totalHours: allocation.fixedTotalHours === null ? null : Number(allocation.fixedTotalHours),
      setAsideHours: Number(allocation.setAsideHours),
      pupilWeightPercent: allocation.pupilWeightPercent,
      referenceYears,
      minimumHours: Number(allocation.minimumHours),
      roundingUnit: Number(allocation.roundingUnit) === 0.5 ? 0.5 : 1,
    },
    lines: lines
      .filter((line) => line.pupils > 0)
      .map((line) => ({
        ...line,
        pupilShare: Number(line.pupilShare),
        requestShare: Number(line.requestShare),
        rawHours: Number(line.rawHours),
        hours: Number(line.hours),
        lastYearHours: lastYear.get(line.locationId) ?? null,
      })),
    excluded: lines
      .filter((line) => line.pupils === 0)
      .map((line) => ({ locationId: line.locationId, name: line.name })),
    createdAt: allocation.createdAt.toISOString(),
    createdByName: nameOf(allocation.createdByUserId) ?? '',
    adoptedAt: allocation.adoptedAt?.toISOString() ?? null,
    adoptedByName: nameOf(allocation.adoptedByUserId),
  };
}
