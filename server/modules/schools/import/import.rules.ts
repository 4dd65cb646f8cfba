/**
 * Pure rules of the CSV import (issue 3, item 2): reading the bytes (encoding, binary files,
 * delimiter), mapping columns by header name for the three layouts, checking every row, and
 * comparing the rows with what the partnership already has. No I/O: the service loads the
 * existing data and writes the plan this module makes.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { fileTypeFromBuffer } from 'file-type';
import iconv from 'iconv-lite';
import { isSingleLineText } from '../../../../contracts/fields.ts';
import type {
  ImportChange,
  ImportCounts,
  ImportField,
  ImportInvalidRow,
  ImportLayout,
  ImportOptions,
  ImportProblem,
  ImportReason,
} from '../../../../contracts/import.ts';
import {
  isValidBrin,
  isValidLocationCode,
  isValidPostalCode,
  normaliseBrin,
  normaliseLocationCode,
  normalisePostalCode,
} from '../../../../contracts/location-codes.ts';
import type { Sector } from '../../../../contracts/locations.ts';
import { parseSchoolYear, schoolYearOf } from '../../../../contracts/school-year.ts';

export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16';

/** The largest pupil count a location can have (the same bound as the manual form). */
export const maxPupils = 100_000;

const limits = {
  name: 200,
  street: 200,
  houseNumber: 20,
  postalCode: 10,
  place: 100,
  boardCode: 20,
  boardName: 200,
};

/** Location fields a file may supply; a file without a column leaves that field as it is. */
type LocationValues = {
  name: string;
  sector: Sector;
  place: string;
  street?: string;
  houseNumber?: string;
  postalCode?: string;
  /** null: the row names no board (the location loses its board). */
  boardCode?: string | null;
  boardName?: string | null;
};

/** One valid row of the file. */
export type ImportRow = {
  line: number;
  brin: string;
  locationCode: string;
  /** Absent in the pupils layout, which only names locations that exist. */
  location?: LocationValues;
  pupilCount?: { schoolYear: number; pupils: number };
};

/** The file read and checked, before it meets the database. */
export type ParsedImport = {
  layout: ImportLayout;
  encoding: Encoding | null;
  /** Problems with the whole file; rows are not read when there are any. */
  problems: ImportProblem[];
  rows: ImportRow[];
  invalid: ImportInvalidRow[];
  /** How many data rows the file has (valid and invalid). */
  rowCount: number;
  /** Which optional location columns the file has; only those are compared and written. */
  supplied: {
    street: boolean;
    houseNumber: boolean;
    postalCode: boolean;
    board: boolean;
    boardName: boolean;
  };
};

// ---------------------------------------------------------------------------------------------
// Bytes → text

/** Decodes the file: UTF-8 (with or without BOM) when it is valid UTF-8, else Windows-1252. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: Encoding } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Excel's "Unicode text" is UTF-16 with a byte-order mark.
  if (buffer[0] === 0xff && buffer[1] === 0xfe)
    return { text: iconv.decode(buffer.subarray(2), 'utf-16le'), encoding: 'utf-16' };
  if (buffer[0] === 0xfe && buffer[1] === 0xff)
    return { text: iconv.decode(buffer.subarray(2), 'utf-16be'), encoding: 'utf-16' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buffer);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: Excel on Windows saves CSV as Windows-1252. iconv-lite maps 0x80 to € (Node 20's
    // TextDecoder does not).
    return { text: iconv.decode(buffer, 'win1252'), encoding: 'windows-1252' };
  }
}

/** Why the bytes are not a text file (a spreadsheet, a PDF, an image), or null when they are text. */
export async function binaryProblem(bytes: Uint8Array): Promise<ImportProblem | null> {
  const isUtf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (isUtf16) return null;
  const type = await fileTypeFromBuffer(bytes);
  if (type) return { code: 'binary_file', params: { type: type.ext } };
  const head = bytes.subarray(0, 64 * 1024);
  if (head.includes(0)) return { code: 'binary_file', params: { type: 'unknown' } };
  return null;
}

/** The delimiter the header line uses, when it is not a semicolon. */
function wrongDelimiter(headerLine: string): ImportProblem | null {
  if (headerLine.includes(';')) return null;
  if (headerLine.includes('\t')) return { code: 'wrong_delimiter', params: { found: 'tab', expected: ';' } };
  if (headerLine.includes(',')) return { code: 'wrong_delimiter', params: { found: ',', expected: ';' } };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Columns

/** "Huisnummer-toevoeging " → "huisnummertoevoeging": headers compare without case, spaces or dashes. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[\s_\-.]+/g, '');
}

type ColumnSpec = { field: string; names: string[]; required: boolean };

const sectorColumnNames = ['SOORT PRIMAIR ONDERWIJS', 'ONDERWIJSSTRUCTUUR', 'SOORT ONDERWIJS', 'SECTOR'];
const boardNameColumnNames = ['BEVOEGD GEZAG NAAM', 'NAAM BEVOEGD GEZAG', 'BESTUURSNAAM'];
/** DUO's pupil files name the total differently per year and sector; the first present is used. */
export const pupilColumnNames = ['TOTAAL', 'TOTAAL AANTAL LEERLINGEN', 'AANTAL LEERLINGEN'];

const layoutColumns: Record<ImportLayout, ColumnSpec[]> = {
  duo_locations: [
    { field: 'brin', names: ['INSTELLINGSCODE'], required: true },
    { field: 'locationCode', names: ['VESTIGINGSCODE'], required: true },
    { field: 'name', names: ['VESTIGINGSNAAM'], required: true },
    { field: 'street', names: ['STRAATNAAM'], required: false },
    { field: 'houseNumber', names: ['HUISNUMMER-TOEVOEGING', 'HUISNUMMER'], required: false },
    { field: 'postalCode', names: ['POSTCODE'], required: false },
    { field: 'place', names: ['PLAATSNAAM'], required: true },
    { field: 'boardCode', names: ['BEVOEGD GEZAG NUMMER'], required: false },
    { field: 'boardName', names: boardNameColumnNames, required: false },
    { field: 'sector', names: sectorColumnNames, required: false },
  ],
  duo_pupils: [
    { field: 'brin', names: ['INSTELLINGSCODE'], required: true },
    { field: 'locationCode', names: ['VESTIGINGSCODE'], required: true },
    { field: 'pupils', names: pupilColumnNames, required: true },
    { field: 'countDate', names: ['PEILDATUM'], required: false },
  ],
  passend: [
    { field: 'brin', names: ['brin'], required: true },
    { field: 'locationCode', names: ['vestigingscode'], required: true },
    { field: 'name', names: ['naam'], required: true },
    { field: 'sector', names: ['sector'], required: false },
    { field: 'street', names: ['straat'], required: false },
    { field: 'houseNumber', names: ['huisnummer'], required: false },
    { field: 'postalCode', names: ['postcode'], required: false },
    { field: 'place', names: ['plaats'], required: true },
    { field: 'boardCode', names: ['bestuursnummer'], required: false },
    { field: 'boardName', names: ['bestuursnaam'], required: false },
    { field: 'schoolYear', names: ['schooljaar'], required: false },
    { field: 'pupils', names: ['leerlingen'], required: false },
  ],
};

/** The columns of the Passend template, in order. */
export const passendTemplateColumns = layoutColumns.passend.map((column) => column.names[0] as string);

/** The downloadable template: header and one example row, UTF-8 with BOM so Excel reads ë and é. */
export function passendTemplateCsv(schoolYearText: string): string {
  const example = [
    '12AB',
    '00',
    'Basisschool De Linde',
    'bo',
    'Lindelaan',
    '12',
    '3511 AB',
    'Utrecht',
    '41234',
    'Stichting Voorbeeldscholen',
    schoolYearText,
    '245',
  ];
  return `\uFEFF${passendTemplateColumns.join(';')}\r\n${example.join(';')}\r\n`;
}

type ColumnMap = Map<string, { index: number; header: string }>;

function mapColumns(headers: string[], specs: ColumnSpec[]): { columns: ColumnMap; missing: string[] } {
  const positions = new Map<string, number>();
  headers.forEach((header, index) => {
    const key = normaliseHeader(header);
    if (key && !positions.has(key)) positions.set(key, index);
  });
  const columns: ColumnMap = new Map();
  const missing: string[] = [];
  for (const spec of specs) {
    const index = spec.names
      .map((name) => positions.get(normaliseHeader(name)))
      .find((found) => found !== undefined);
    if (index !== undefined) columns.set(spec.field, { index, header: (headers[index] ?? '').trim() });
    else if (spec.required) missing.push(spec.names.join(' / '));
  }
  return { columns, missing };
}

// ---------------------------------------------------------------------------------------------
// Values

/**
 * The sector a DUO or Passend value names: BAO → bo, SBAO → sbo, (V)SO → so, VSO → vso, and the
 * secondary structures (VWO, HAVO, VMBO…, PRO) → vo. Null when unknown.
 */
export function sectorFromText(text: string): Sector | null {
  const value = text.toLowerCase().replace(/\s+/g, '');
  if (value === '') return null;
  const direct: Record<string, Sector> = {
    bo: 'bo',
    bao: 'bo',
    basisonderwijs: 'bo',
    sbo: 'sbo',
    sbao: 'sbo',
    speciaalbasisonderwijs: 'sbo',
    so: 'so',
    '(v)so': 'so',
    speciaalonderwijs: 'so',
    vso: 'vso',
    voortgezetspeciaalonderwijs: 'vso',
    vo: 'vo',
    voortgezetonderwijs: 'vo',
  };
  const found = direct[value];
  if (found) return found;
  // A VO structure lists its streams: "VWO/HAVO/VMBO-(G)T", "PRO", "VMBO-B/VMBO-K".
  const parts = value.split(/[/,+&]/).filter(Boolean);
  const isSecondaryStream = (part: string) =>
    /^(vwo|havo|vmbo|mavo|vbo|pro|praktijkonderwijs|gymnasium|atheneum|lwoo)/.test(part);
  if (parts.length > 0 && parts.every(isSecondaryStream)) return 'vo';
  return null;
}

/** "2024-10-01", "01-10-2024", "1/10/2024" or "20241001" → "2024-10-01"; null when not a real date. */
export function parseCountDate(text: string): string | null {
  const value = text.trim();
  let parts: [string, string, string] | null = null;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (match) parts = [match[1] as string, match[2] as string, match[3] as string];
  match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  if (match) parts = [match[3] as string, match[2] as string, match[1] as string];
  match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (match) parts = [match[1] as string, match[2] as string, match[3] as string];
  if (!parts) return null;
  const [year, month, day] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A pupil count: a whole number from 0 up to the maximum, or the reason it is not one. */
export function parsePupils(text: string): { pupils: number } | { code: string } {
  const value = text.trim();
  if (/^-\s*\d+$/.test(value)) return { code: 'negative_pupils' };
  if (!/^\d+$/.test(value)) return { code: 'pupils_not_a_number' };
  const pupils = Number(value);
  if (pupils > maxPupils) return { code: 'pupils_too_big' };
  return { pupils };
}

/** "2025-2026", "2025/2026" or "2025" → 2025; null when it is no school year. */
export function parseSchoolYearCell(text: string): number | null {
  const value = text.trim();
  if (/^\d{4}$/.test(value)) return Number(value);
  return parseSchoolYear(value);
}

// ---------------------------------------------------------------------------------------------
// The file

/**
 * Reads an uploaded file for a layout: encoding, binary check, delimiter, columns, every row. The
 * form's sector and school year fill in what the file lacks.
 */
export async function parseImportFile(bytes: Uint8Array, options: ImportOptions): Promise<ParsedImport> {
  const result: ParsedImport = {
    layout: options.layout,
    encoding: null,
    problems: [],
    rows: [],
    invalid: [],
    rowCount: 0,
    supplied: { street: false, houseNumber: false, postalCode: false, board: false, boardName: false },
  };
  const fail = (problem: ImportProblem) => {
    result.problems.push(problem);
    return result;
  };
  if (bytes.byteLength === 0) return fail({ code: 'empty_file' });
  const binary = await binaryProblem(bytes);
  if (binary) return fail(binary);

  const { text, encoding } = decodeText(bytes);
  result.encoding = encoding;
  // The binary check reads the first 64 KiB; a NUL further on (which PostgreSQL cannot store) is
  // found in the decoded text, whatever the encoding.
  if (text.includes('\u0000')) return fail({ code: 'binary_file', params: { type: 'unknown' } });
  const headerLine = text.split(/\r?\n/).find((line) => line.trim() !== '');
  if (headerLine === undefined) return fail({ code: 'empty_file' });
  const delimiterProblem = wrongDelimiter(headerLine);
  if (delimiterProblem) return fail(delimiterProblem);

  let records: Array<{ record: string[]; info: { lines: number; empty_lines: number } }>;
  try {
    records = parse(text, {
      delimiter: ';',
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError)
      return fail({
        code: 'malformed_csv',
        params: { line: Number((error as { lines?: number }).lines ?? 0) },
      });
    throw error;
  }

  const [header, ...data] = records;
  if (!header) return fail({ code: 'empty_file' });
  const { columns, missing } = mapColumns(header.record, layoutColumns[options.layout]);
  if (missing.length > 0) return fail({ code: 'missing_columns', params: { columns: missing.join(', ') } });
  if (options.layout !== 'duo_pupils' && !columns.has('sector') && !options.sector)
    return fail({ code: 'sector_required' });
  if (options.layout === 'duo_pupils' && !columns.has('countDate') && options.schoolYear === undefined)
    return fail({ code: 'school_year_required' });
  if (data.length === 0) return fail({ code: 'no_rows' });

  result.supplied = {
    street: columns.has('street'),
    houseNumber: columns.has('houseNumber'),
    postalCode: columns.has('postalCode'),
    board: columns.has('boardCode'),
    boardName: columns.has('boardName'),
  };
  result.rowCount = data.length;

  const firstLineOf = new Map<string, number>();
  const boardNames = new Map<string, { name: string; line: number }>();
  let previous = header.info;
  for (const { record, info } of data) {
    // csv-parse reports the line a record ends on; a quoted field may span lines, so the row's own
    // line is the one after the previous record plus the empty lines skipped in between.
    const line = previous.lines + 1 + (info.empty_lines - previous.empty_lines);
    previous = info;
    const checked = checkRow(record, line, header.record.length, columns, options);
    if ('reasons' in checked) {
      result.invalid.push(checked);
      continue;
    }
    const reasons: ImportReason[] = [];
    const key =
      options.layout === 'duo_pupils'
        ? `${checked.brin}|${checked.locationCode}|${checked.pupilCount?.schoolYear}`
        : `${checked.brin}|${checked.locationCode}`;
    const first = firstLineOf.get(key);
    if (first !== undefined) reasons.push({ code: 'duplicate_location', params: { line: first } });
    else firstLineOf.set(key, line);
    const board = checked.location?.boardCode;
    const boardName = checked.location?.boardName;
    if (board && boardName) {
      const known = boardNames.get(board);
      if (known && known.name !== boardName)
        reasons.push({ code: 'board_name_conflict', params: { board, line: known.line } });
      else if (!known) boardNames.set(board, { name: boardName, line });
    }
    if (reasons.length > 0) result.invalid.push({ line, reasons });
    else result.rows.push(checked);
  }
  return result;
}

function checkRow(
  record: string[],
  line: number,
  headerLength: number,
  columns: ColumnMap,
  options: ImportOptions,
): ImportRow | ImportInvalidRow {
  const reasons: ImportReason[] = [];
  if (record.length !== headerLength)
    return {
      line,
      reasons: [{ code: 'wrong_column_count', params: { expected: headerLength, found: record.length } }],
    };
  const cell = (field: string) => {
    const column = columns.get(field);
    return column ? (record[column.index] ?? '').trim() : undefined;
  };
  const columnOf = (field: string) => columns.get(field)?.header ?? field;
  const text = (field: string, maximum: number, required: boolean): string | undefined => {
    const value = cell(field);
    if (value === undefined) return undefined;
    if (required && value === '') reasons.push({ code: 'required', column: columnOf(field) });
    else if (value.length > maximum)
      reasons.push({ code: 'too_long', column: columnOf(field), params: { maximum } });
    else if (!isSingleLineText(value)) reasons.push({ code: 'invalid_characters', column: columnOf(field) });
    return value;
  };

  const brin = normaliseBrin(cell('brin') ?? '');
  if (brin === '') reasons.push({ code: 'required', column: columnOf('brin') });
  else if (!isValidBrin(brin))
    reasons.push({ code: 'invalid_brin', column: columnOf('brin'), params: { value: clip(brin) } });

  // DUO writes the vestigingscode as BRIN plus number ("12AB01"); the template as the number only.
  let locationCode = normaliseLocationCode(cell('locationCode') ?? '');
  if (/^\d{2}[A-Z0-9]{2}\d{2}$/i.test(locationCode)) {
    if (normaliseBrin(locationCode.slice(0, 4)) !== brin)
      reasons.push({
        code: 'location_code_mismatch',
        column: columnOf('locationCode'),
        params: { value: clip(locationCode), brin },
      });
    locationCode = locationCode.slice(4);
  }
  if (locationCode === '') reasons.push({ code: 'required', column: columnOf('locationCode') });
  else if (!isValidLocationCode(locationCode))
    reasons.push({
      code: 'invalid_location_code',
      column: columnOf('locationCode'),
      params: { value: clip(locationCode) },
    });

  let location: LocationValues | undefined;
  if (options.layout !== 'duo_pupils') {
    const name = text('name', limits.name, true) ?? '';
    const place = text('place', limits.place, true) ?? '';
    const sectorText = cell('sector') ?? '';
    let sector: Sector | null = options.sector ?? null;
    if (sectorText !== '') {
      sector = sectorFromText(sectorText);
      if (!sector)
        reasons.push({
          code: 'unknown_sector',
          column: columnOf('sector'),
          params: { value: clip(sectorText) },
        });
    } else if (!sector) reasons.push({ code: 'required', column: columnOf('sector') });
    location = { name, place, sector: sector ?? 'bo' };
    const street = text('street', limits.street, false);
    if (street !== undefined) location.street = street;
    const houseNumber = text('houseNumber', limits.houseNumber, false);
    if (houseNumber !== undefined) location.houseNumber = houseNumber;
    const postalCodeText = cell('postalCode');
    if (postalCodeText !== undefined) {
      const postalCode = normalisePostalCode(postalCodeText);
      if (postalCode !== '' && !isValidPostalCode(postalCode))
        reasons.push({
          code: 'invalid_postal_code',
          column: columnOf('postalCode'),
          params: { value: clip(postalCode) },
        });
      location.postalCode = postalCode;
    }
    const boardCode = text('boardCode', limits.boardCode, false);
    if (boardCode !== undefined) location.boardCode = boardCode === '' ? null : boardCode;
    const boardName = text('boardName', limits.boardName, false);
    if (boardName !== undefined) location.boardName = boardName === '' ? null : boardName;
  }

  let pupilCount: ImportRow['pupilCount'];
  const pupilsText = cell('pupils');
  if (pupilsText !== undefined && (pupilsText !== '' || options.layout === 'duo_pupils')) {
    const parsed = pupilsText === '' ? { code: 'required' } : parsePupils(pupilsText);
    if ('code' in parsed)
      reasons.push({ code: parsed.code, column: columnOf('pupils'), params: { value: clip(pupilsText) } });
    const schoolYear = rowSchoolYear(cell, columnOf, options, reasons);
    if ('pupils' in parsed && schoolYear !== null) pupilCount = { schoolYear, pupils: parsed.pupils };
  }

  if (reasons.length > 0) return { line, reasons };
  return {
    line,
    brin,
    locationCode,
    ...(location ? { location } : {}),
    ...(pupilCount ? { pupilCount } : {}),
  };
}

/** The school year of a row's pupil count: its count date or school year cell, else the form's. */
function rowSchoolYear(
  cell: (field: string) => string | undefined,
  columnOf: (field: string) => string,
  options: ImportOptions,
  reasons: ImportReason[],
): number | null {
  const countDate = cell('countDate');
  if (countDate) {
    const date = parseCountDate(countDate);
    const year = date ? schoolYearOf(date) : null;
    if (!date || year === null || year < 1990 || year > 2100) {
      reasons.push({
        code: 'invalid_date',
        column: columnOf('countDate'),
        params: { value: clip(countDate) },
      });
      return null;
    }
    return year;
  }
  const yearText = cell('schoolYear');
  if (yearText) {
    const year = parseSchoolYearCell(yearText);
    if (year === null || year < 1990 || year > 2100) {
      reasons.push({
        code: 'invalid_school_year',
        column: columnOf('schoolYear'),
        params: { value: clip(yearText) },
      });
      return null;
    }
    return year;
  }
  if (options.schoolYear !== undefined) return options.schoolYear;
  reasons.push({
    code: 'school_year_missing',
    column: columnOf(cell('countDate') === undefined ? 'schoolYear' : 'countDate'),
  });
  return null;
}

/** Values quoted back in a reason are cut short: a broken row can hold a whole paragraph. */
function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

// ---------------------------------------------------------------------------------------------
// Comparing with the database

/** A location as the database has it, with its board's code. */
export type ExistingLocation = {
  id: string;
  brin: string;
  locationCode: string;
  name: string;
  sector: Sector;
  street: string;
  houseNumber: string;
  postalCode: string;
  place: string;
  boardCode: string | null;
};

/** What the partnership already has of what the file names. */
export type ExistingData = {
  locations: ExistingLocation[];
  boards: Array<{ id: string; code: string; name: string }>;
  pupilCounts: Array<{ locationId: string; schoolYear: number; pupils: number }>;
};

/** A location to insert or update (only the supplied optional fields are set). */
export type LocationWrite = { brin: string; locationCode: string } & LocationValues;

/** What the import writes: nothing unchanged. */
export type ImportPlan = {
  counts: ImportCounts;
  added: ImportChange[];
  changed: ImportChange[];
  invalid: ImportInvalidRow[];
  boards: Array<{ code: string; name: string }>;
  locations: LocationWrite[];
  pupilCounts: Array<{ brin: string; locationCode: string; schoolYear: number; pupils: number }>;
};

/** Location key within a partnership. */
export function locationKey(brin: string, locationCode: string): string {
  return `${brin}|${locationCode}`;
}

/**
 * Compares the valid rows with the existing data: which rows add, change (and which fields) or
 * leave everything as it is, and the writes that follow. Importing the result and comparing again
 * gives only unchanged rows.
 */
export function planImport(parsed: ParsedImport, existing: ExistingData): ImportPlan {
  const locationsByKey = new Map(
    existing.locations.map((row) => [locationKey(row.brin, row.locationCode), row]),
  );
  const boardsByCode = new Map(existing.boards.map((board) => [board.code, board.name]));
  const countsByKey = new Map(
    existing.pupilCounts.map((count) => [`${count.locationId}|${count.schoolYear}`, count.pupils]),
  );
  const plan: ImportPlan = {
    counts: { rows: parsed.rowCount, added: 0, changed: 0, unchanged: 0, invalid: 0 },
    added: [],
    changed: [],
    invalid: [...parsed.invalid],
    boards: [],
    locations: [],
    pupilCounts: [],
  };
  const boardsPlanned = new Set<string>();

  for (const row of parsed.rows) {
    const current = locationsByKey.get(locationKey(row.brin, row.locationCode));
    if (!row.location && !current) {
      plan.invalid.push({
        line: row.line,
        reasons: [{ code: 'unknown_location', params: { brin: row.brin, locationCode: row.locationCode } }],
      });
      continue;
    }
    const fields: ImportField[] = [];
    if (row.location) {
      const wanted = row.location;
      if (current) {
        if (wanted.name !== current.name) fields.push('name');
        if (wanted.sector !== current.sector) fields.push('sector');
        if (wanted.street !== undefined && wanted.street !== current.street) fields.push('street');
        if (wanted.houseNumber !== undefined && wanted.houseNumber !== current.houseNumber)
          fields.push('houseNumber');
        if (wanted.postalCode !== undefined && wanted.postalCode !== current.postalCode)
          fields.push('postalCode');
        if (wanted.place !== current.place) fields.push('place');
        if (wanted.boardCode !== undefined && wanted.boardCode !== current.boardCode)
          fields.push('boardCode');
      }
      if (wanted.boardCode && !boardsPlanned.has(wanted.boardCode)) {
        const knownName = boardsByCode.get(wanted.boardCode);
        // Without a name column a new board is named by its number until someone renames it.
        const name = wanted.boardName ?? knownName ?? wanted.boardCode;
        if (knownName === undefined || (wanted.boardName && wanted.boardName !== knownName)) {
          plan.boards.push({ code: wanted.boardCode, name });
          boardsPlanned.add(wanted.boardCode);
          if (knownName !== undefined && current) fields.push('boardName');
        }
      }
      if (!current || fields.some((field) => field !== 'boardName'))
        plan.locations.push({ brin: row.brin, locationCode: row.locationCode, ...wanted });
    }
    let countIsNew = false;
    if (row.pupilCount) {
      const known = current ? countsByKey.get(`${current.id}|${row.pupilCount.schoolYear}`) : undefined;
      if (known !== row.pupilCount.pupils) {
        plan.pupilCounts.push({ brin: row.brin, locationCode: row.locationCode, ...row.pupilCount });
        if (current && known !== undefined) fields.push('pupils');
        else countIsNew = true;
      }
    }
    const change: ImportChange = {
      line: row.line,
      brin: row.brin,
      locationCode: row.locationCode,
      name: row.location?.name ?? current?.name ?? '',
      schoolYear: row.pupilCount?.schoolYear ?? null,
      pupils: row.pupilCount?.pupils ?? null,
      fields,
    };
    // A new location adds; so does the first count of a year for a known location in the pupils file.
    if (!current || (countIsNew && fields.length === 0 && !row.location)) plan.added.push(change);
    else if (fields.length > 0 || countIsNew) {
      if (countIsNew) change.fields = [...fields, 'pupils'];
      plan.changed.push(change);
    } else plan.counts.unchanged += 1;
  }
  plan.invalid.sort((a, b) => a.line - b.line);
  plan.counts.added = plan.added.length;
  plan.counts.changed = plan.changed.length;
  plan.counts.invalid = plan.invalid.length;
  return plan;
}

/** Whether the plan may be imported: the file is readable and every row is valid. */
export function isImportable(parsed: ParsedImport, plan: ImportPlan): boolean {
  return parsed.problems.length === 0 && plan.invalid.length === 0;
}
