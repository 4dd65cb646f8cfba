import { eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type ImportPreview, type ImportResult, importListLimit } from '../../../../contracts/import.ts';
import { formatSchoolYear, schoolYearOf } from '../../../../contracts/school-year.ts';
import { RuleViolation } from '../../../platform/http/errors.ts';
import type { UseCaseContext } from '../../../platform/kernel/kernel.ts';
import { locations, pupilCounts, schoolBoards } from '../schools.schema.ts';
import {
  type ExistingData,
  type ImportPlan,
  isImportable,
  type LocationWrite,
  locationKey,
  type ParsedImport,
  passendTemplateCsv,
  planImport,
} from './import.rules.ts';

type Db = Pick<UseCaseContext, 'db'>;

/** Rows per insert statement: well under PostgreSQL's 65,535 parameters, few round trips. */
const chunkSize = 500;

// The CSV import of locations, boards and pupil counts: preview first, then all or nothing. An import
// reaches every location of the partnership, so only a partnership-wide grant will do. The route
// reads and parses the file before the use case, so no transaction waits on the parsing.

/** The Passend template with one example row for the current school year. */
export async function templateCsv(context: UseCaseContext): Promise<string> {
  context.require('locations.import', {});
  return passendTemplateCsv(formatSchoolYear(schoolYearOf(context.clock.today())));
}

/** Compares the parsed file with the partnership's data; writes nothing. */
export async function previewImport(context: UseCaseContext, parsed: ParsedImport): Promise<ImportPreview> {
  context.require('locations.import', {});
  if (parsed.problems.length > 0) return previewOf(parsed, emptyPlan(parsed));
  return previewOf(parsed, planImport(parsed, await loadExisting(context, parsed)));
}

/**
 * Imports the parsed file in the use case's one transaction: refused (422) when the file has a
 * problem or any row is invalid; writes only what differs, in bulk statements, so the same file
 * twice writes nothing.
 */
export async function importFile(context: UseCaseContext, parsed: ParsedImport): Promise<ImportResult> {
  context.require('locations.import', {});
  if (parsed.problems.length > 0) throw notImportable(parsed.problems.length, 0);
  // Compared again inside the transaction: the preview may be minutes old.
  const existing = await loadExisting(context, parsed);
  const plan = planImport(parsed, existing);
  if (!isImportable(parsed, plan)) throw notImportable(0, plan.invalid.length);
  await writePlan(context, plan, parsed, existing);
  await context.audit('locations.imported', null, {
    layout: parsed.layout,
    rows: plan.counts.rows,
    added: plan.counts.added,
    changed: plan.counts.changed,
    unchanged: plan.counts.unchanged,
  });
  return { counts: plan.counts };
}

function notImportable(problems: number, invalidRows: number) {
  return new RuleViolation('validation_failed', 422, [
    problems > 0
      ? { path: 'file', code: 'import_file_unreadable' }
      : { path: 'file', code: 'import_invalid_rows', params: { count: invalidRows } },
  ]);
}

function emptyPlan(parsed: ParsedImport): ImportPlan {
  return {
    counts: { rows: parsed.rowCount, added: 0, changed: 0, unchanged: 0, invalid: parsed.invalid.length },
    added: [],
    changed: [],
    invalid: parsed.invalid,
    boards: [],
    locations: [],
    pupilCounts: [],
  };
}

function previewOf(parsed: ParsedImport, plan: ImportPlan): ImportPreview {
  return {
    layout: parsed.layout,
    encoding: parsed.encoding,
    problems: parsed.problems,
    counts: plan.counts,
    added: plan.added.slice(0, importListLimit),
    changed: plan.changed.slice(0, importListLimit),
    invalid: plan.invalid.slice(0, importListLimit),
  };
}

/**
 * What the partnership has of locations, boards and the file's school years of pupil counts: three
 * plain queries. Reading the partnership's few hundred locations whole is cheaper and steadier than a
 * join with 10,000 file keys, whose plan goes wrong on tables not yet analysed after a first import.
 */
async function loadExisting({ db }: Db, parsed: ParsedImport): Promise<ExistingData> {
  if (parsed.rows.length === 0) return { locations: [], boards: [], pupilCounts: [] };
  const existingLocations = await db
    .select({
      id: locations.id,
      brin: locations.brin,
      locationCode: locations.locationCode,
      name: locations.name,
      sector: locations.sector,
      street: locations.street,
      houseNumber: locations.houseNumber,
      postalCode: locations.postalCode,
      place: locations.place,
      boardCode: schoolBoards.code,
    })
    .from(locations)
    .leftJoin(schoolBoards, eq(schoolBoards.id, locations.boardId));
  const boards = await db
    .select({ id: schoolBoards.id, code: schoolBoards.code, name: schoolBoards.name })
    .from(schoolBoards);
  const years = [
    ...new Set(parsed.rows.flatMap((row) => (row.pupilCount ? [row.pupilCount.schoolYear] : []))),
  ];
  const counts =
    years.length === 0
      ? []
      : await db
          .select({
            locationId: pupilCounts.locationId,
            schoolYear: pupilCounts.schoolYear,
            pupils: pupilCounts.pupils,
          })
          .from(pupilCounts)
          .where(inArray(pupilCounts.schoolYear, years));
  return { locations: existingLocations, boards, pupilCounts: counts };
}

function chunksOf<T>(items: T[]): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += chunkSize)
    chunks.push(items.slice(start, start + chunkSize));
  return chunks;
}

/** Writes boards, then locations, then pupil counts: upserts in chunks, one after another. */
async function writePlan(
  { db, actor }: UseCaseContext,
  plan: ImportPlan,
  parsed: ParsedImport,
  existing: ExistingData,
): Promise<void> {
  const { tenantId } = actor;
  const boardIds = new Map(existing.boards.map((board) => [board.code, board.id]));
  for (const chunk of chunksOf(plan.boards)) {
    const written = await db
      .insert(schoolBoards)
      .values(chunk.map((board) => ({ tenantId, code: board.code, name: board.name })))
      .onConflictDoUpdate({
        target: [schoolBoards.tenantId, schoolBoards.code],
        set: { name: sql.raw('excluded.name') },
      })
      .returning({ id: schoolBoards.id, code: schoolBoards.code });
    for (const board of written) boardIds.set(board.code, board.id);
  }

  const locationIds = new Map(
    existing.locations.map((row) => [locationKey(row.brin, row.locationCode), row.id]),
  );
  // Only the columns the file has are updated; a DUO file without addresses keeps the addresses.
  const set: Record<string, SQL> = {
    name: sql.raw('excluded.name'),
    sector: sql.raw('excluded.sector'),
    place: sql.raw('excluded.place'),
  };
  if (parsed.supplied.street) set.street = sql.raw('excluded.street');
  if (parsed.supplied.houseNumber) set.houseNumber = sql.raw('excluded.house_number');
  if (parsed.supplied.postalCode) set.postalCode = sql.raw('excluded.postal_code');
  if (parsed.supplied.board) set.boardId = sql.raw('excluded.board_id');
  for (const chunk of chunksOf(plan.locations)) {
    const written = await db
      .insert(locations)
      .values(chunk.map((row) => locationValues(tenantId, row, boardIds)))
      .onConflictDoUpdate({ target: [locations.tenantId, locations.brin, locations.locationCode], set })
      .returning({ id: locations.id, brin: locations.brin, locationCode: locations.locationCode });
    for (const row of written) locationIds.set(locationKey(row.brin, row.locationCode), row.id);
  }

  for (const chunk of chunksOf(plan.pupilCounts)) {
    await db
      .insert(pupilCounts)
      .values(
        chunk.map((count) => {
          const locationId = locationIds.get(locationKey(count.brin, count.locationCode));
          if (!locationId) throw new Error('pupil count for a location that was not written');
          return {
            tenantId,
            locationId,
            schoolYear: count.schoolYear,
            pupils: count.pupils,
            source: 'import' as const,
          };
        }),
      )
      .onConflictDoUpdate({
        target: [pupilCounts.locationId, pupilCounts.schoolYear],
        set: {
          pupils: sql.raw('excluded.pupils'),
          source: sql.raw('excluded.source'),
          updatedAt: sql`now()`,
        },
      });
  }
}

function locationValues(tenantId: string, row: LocationWrite, boardIds: Map<string, string>) {
  const boardId = row.boardCode ? boardIds.get(row.boardCode) : null;
  if (boardId === undefined) throw new Error('location names a board that was not written');
  return {
    tenantId,
    brin: row.brin,
    locationCode: row.locationCode,
    name: row.name,
    sector: row.sector,
    place: row.place,
    street: row.street ?? '',
    houseNumber: row.houseNumber ?? '',
    postalCode: row.postalCode ?? '',
    boardId,
  };
}
