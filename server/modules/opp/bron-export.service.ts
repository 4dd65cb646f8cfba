import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { BronExportQuery } from '../../../contracts/bron-export.ts';
import type { Locale } from '../../../contracts/fields.ts';
import { schoolYearBounds } from '../../../contracts/school-year.ts';
import { queryRows } from '../../db/client.ts';
import { csvDocument, neutraliseFormula } from '../../platform/http/downloads.ts';
import { translate } from '../../platform/i18n/messages.ts';
import type { UseCaseContext } from '../../platform/kernel/kernel.ts';
import { locationTarget } from '../schools/locations.service.ts';

/** A file to send: its name (codes and a date, no personal data), content type and bytes. */
export type BronDownload = { fileName: string; contentType: string; body: string | Buffer };

/** One pupil's line: what the school's administration enters for the OPP in its own system. */
export type BronLine = {
  trajectoryId: string;
  brin: string;
  locationCode: string;
  locationName: string;
  lastName: string;
  firstName: string;
  birthDate: string | null;
  className: string;
  oppStart: string;
  oppEnd: string | null;
  /** Amsterdam date and time, YYYY-MM-DD HH:MM. */
  changedAt: string;
};

/** The columns in file order, each a key of the catalogue's `bronExport.columns`. */
const columns = [
  'brin',
  'locationCode',
  'locationName',
  'lastName',
  'firstName',
  'birthDate',
  'className',
  'oppStart',
  'oppEnd',
  'changedAt',
  'reference',
] as const;

const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * E14: the OPP start and end dates of one location's pupils, for the school to register in BRON
 * through its student administration system. The start is the day the first version was adopted, the
 * end the trajectory's end; only pupils with an adopted OPP. Filtered to the OPPs that ran in a school
 * year and/or changed since a day. The location comes through the policy (404 out of reach, 403 without
 * the right there); the read is audited with the pupils' trajectory ids (P2).
 */
export async function exportBronDates(
  context: UseCaseContext,
  query: BronExportQuery,
): Promise<BronDownload> {
  const location = await context.load(locationTarget, query.locationId, { action: 'opp.bron_export' });
  const year = query.schoolYear === undefined ? null : schoolYearBounds(query.schoolYear);
  const rows = await queryRows<Omit<BronLine, 'brin' | 'locationCode' | 'locationName'>>(
    context.db,
    sql`with opp as (
        select t.id, t.pupil_first_name, t.pupil_last_name, t.pupil_birth_date, t.pupil_class, t.ended_on,
          (min(v.adopted_at) at time zone 'Europe/Amsterdam')::date as opp_start,
          greatest(t.updated_at, max(v.adopted_at)) as changed_at
        from trajectories t
        join opp_versions v on v.trajectory_id = t.id and v.adopted_at is not null
        where t.location_id = ${location.id}
        group by t.id
      )
      select id::text as "trajectoryId", pupil_last_name as "lastName", pupil_first_name as "firstName",
        pupil_birth_date::text as "birthDate", pupil_class as "className", opp_start::text as "oppStart",
        ended_on::text as "oppEnd",
        to_char(changed_at at time zone 'Europe/Amsterdam', 'YYYY-MM-DD HH24:MI') as "changedAt"
      from opp
      where (${year?.end ?? null}::date is null or opp_start <= ${year?.end ?? null}::date)
        and (${year?.start ?? null}::date is null or ended_on is null or ended_on >= ${year?.start ?? null}::date)
        and (${query.changedSince ?? null}::date is null
          or (changed_at at time zone 'Europe/Amsterdam')::date >= ${query.changedSince ?? null}::date)
      order by pupil_last_name, pupil_first_name, id`,
  );
  const lines: BronLine[] = rows.map((row) => ({
    ...row,
    brin: location.brin,
    locationCode: location.locationCode,
    locationName: location.name,
  }));
  // Which pupils were handed out, not only how many (P2).
  await context.audit(
    'opp.bron_exported',
    { type: 'location', id: location.id },
    { count: lines.length, trajectoryIds: lines.map((line) => line.trajectoryId) },
  );
  const fileName = `bron-opp-${location.brin}${location.locationCode}-${context.clock.today()}.${query.format}`;
  if (query.format === 'xlsx')
    return { fileName, contentType: xlsxContentType, body: await bronXlsx(lines, context.locale) };
  return { fileName, contentType: 'text/csv; charset=utf-8', body: bronCsv(lines, context.locale) };
}

/** A date as Dutch administrations type it: DD-MM-YYYY; empty when there is none. */
export function dutchDate(isoDate: string | null): string {
  if (!isoDate) return '';
  const [year, month, day] = isoDate.split('-');
  return `${day}-${month}-${year}`;
}

function headersOf(locale: Locale): string[] {
  return columns.map((column) => translate(locale, `bronExport.columns.${column}`));
}

function cellsOf(line: BronLine): string[] {
  const [changedDate = '', changedTime = ''] = line.changedAt.split(' ');
  return [
    line.brin,
    line.locationCode,
    line.locationName,
    line.lastName,
    line.firstName,
    dutchDate(line.birthDate),
    line.className,
    dutchDate(line.oppStart),
    dutchDate(line.oppEnd),
    `${dutchDate(changedDate)} ${changedTime}`.trim(),
    line.trajectoryId,
  ];
}

/** The lines as CSV (semicolons, BOM, CRLF; formula-like text kept as text). */
export function bronCsv(lines: readonly BronLine[], locale: Locale): string {
  return csvDocument(headersOf(locale), lines.map(cellsOf));
}

/** The lines as one sheet: text neutralised against formulas, like every XLSX Passend writes. */
export async function bronXlsx(lines: readonly BronLine[], locale: Locale): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(translate(locale, 'bronExport.sheet'));
  sheet.addRow(headersOf(locale)).font = { bold: true };
  for (const line of lines) sheet.addRow(cellsOf(line).map(neutraliseFormula));
  sheet.columns.forEach((column) => {
    column.width = 18;
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
