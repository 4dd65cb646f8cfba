import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ImportOptions } from '../../../../contracts/import.ts';
import {
  decodeText,
  type ExistingData,
  normaliseHeader,
  parseCountDate,
  parseImportFile,
  parsePupils,
  passendTemplateCsv,
  planImport,
  sectorFromText,
} from './import.rules.ts';

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const win1252 = (text: string) => new Uint8Array(iconv.encode(text, 'win1252'));
const withBom = (text: string) =>
  new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));

const passend: ImportOptions = { layout: 'passend' };
const templateHeader =
  'brin;vestigingscode;naam;sector;straat;huisnummer;postcode;plaats;bestuursnummer;bestuursnaam;schooljaar;leerlingen';

const duoLocationsHeader =
  'PROVINCIE;BEVOEGD GEZAG NUMMER;INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;STRAATNAAM;HUISNUMMER-TOEVOEGING;POSTCODE;PLAATSNAAM;SOORT PRIMAIR ONDERWIJS';
const dutchNames = ["Sint-Jozefschool 's-Hertogenbosch", 'Basisschool De Ëik', 'Ölçek'];

const noData: ExistingData = { locations: [], boards: [], pupilCounts: [] };

describe('reading the bytes', () => {
  it('decodes valid UTF-8 as UTF-8 and strips a BOM', () => {
    expect(decodeText(withBom('naam\nDe Ëik'))).toEqual({ text: 'naam\nDe Ëik', encoding: 'utf-8' });
    expect(decodeText(utf8('Ölçek'))).toEqual({ text: 'Ölçek', encoding: 'utf-8' });
  });

  it('decodes anything else as Windows-1252, 0x80 included (€, which TextDecoder gets wrong on Node 20)', () => {
    const bytes = new Uint8Array([0x80, 0x20, 0xcb, 0xd6, 0xe7, 0x92]);
    expect(decodeText(bytes)).toEqual({ text: '€ ËÖç’', encoding: 'windows-1252' });
  });

  it('decodes UTF-16 with a byte-order mark (Excel "Unicode text")', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('naam;De Ëik', 'utf16le')]);
    expect(decodeText(new Uint8Array(bytes))).toEqual({ text: 'naam;De Ëik', encoding: 'utf-16' });
  });

  it('maps headers without case, spaces, dashes or underscores', () => {
    expect(normaliseHeader(' Huisnummer-Toevoeging ')).toBe('huisnummertoevoeging');
    expect(normaliseHeader('BEVOEGD GEZAG NUMMER')).toBe(normaliseHeader('bevoegd_gezag_nummer'));
  });
});

describe.each([
  ['UTF-8', utf8],
  ['UTF-8 with BOM', (text: string) => withBom(text)],
  ['Windows-1252', win1252],
] as const)('Dutch characters in %s', (label, encode) => {
  it(`keeps "Sint-Jozefschool 's-Hertogenbosch", "Basisschool De Ëik" and "Ölçek" intact (${label})`, async () => {
    const rows = dutchNames.map((name, index) => `1${index}AB;00;${name};bo;;;;'s-Hertogenbosch;;;;`);
    const parsed = await parseImportFile(encode(`${templateHeader}\r\n${rows.join('\r\n')}\r\n`), passend);
    expect(parsed.problems).toEqual([]);
    expect(parsed.invalid).toEqual([]);
    expect(parsed.encoding).toBe(label === 'Windows-1252' ? 'windows-1252' : 'utf-8');
    expect(parsed.rows.map((row) => row.location?.name)).toEqual(dutchNames);
    expect(parsed.rows[0]?.location?.place).toBe("'s-Hertogenbosch");
  });
});

describe('layout 1: DUO locations file', () => {
  const file = [
    duoLocationsHeader,
    `UTRECHT;41234;12AB;12AB00;${dutchNames[0]};Kerkstraat;12 A;3511ab;UTRECHT;Bao`,
    'UTRECHT;41234;12AB;01;De Linde;Lindelaan;3;3512 CD;UTRECHT;Sbao',
    'UTRECHT;41235;34CD;34CD00;Het Kompas;Kompasweg;1;3513 EF;ZEIST;(V)SO',
  ].join('\n');

  it('maps the DUO columns, splits "12AB00" into BRIN and vestigingscode and maps the sector column', async () => {
    const parsed = await parseImportFile(utf8(file), { layout: 'duo_locations' });
    expect(parsed.problems).toEqual([]);
    expect(parsed.invalid).toEqual([]);
    expect(parsed.rows).toEqual([
      {
        line: 2,
        brin: '12AB',
        locationCode: '00',
        location: {
          name: dutchNames[0],
          sector: 'bo',
          place: 'UTRECHT',
          street: 'Kerkstraat',
          houseNumber: '12 A',
          postalCode: '3511 AB',
          boardCode: '41234',
        },
      },
      expect.objectContaining({ line: 3, brin: '12AB', locationCode: '01' }),
      expect.objectContaining({ line: 4, brin: '34CD', locationCode: '00' }),
    ]);
    expect(parsed.rows.map((row) => row.location?.sector)).toEqual(['bo', 'sbo', 'so']);
    expect(parsed.supplied).toEqual({
      street: true,
      houseNumber: true,
      postalCode: true,
      board: true,
      boardName: false,
    });
  });

  it('takes the sector from the form when the file has no sector column, and needs one then', async () => {
    const noSector =
      'INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;PLAATSNAAM\n56EF;00;Atlas College;Hoorn\n';
    const withForm = await parseImportFile(utf8(noSector), { layout: 'duo_locations', sector: 'vo' });
    expect(withForm.rows[0]?.location?.sector).toBe('vo');
    const without = await parseImportFile(utf8(noSector), { layout: 'duo_locations' });
    expect(without.problems).toEqual([{ code: 'sector_required' }]);
  });

  it('a vestigingscode whose BRIN part differs from INSTELLINGSCODE is an invalid row', async () => {
    const parsed = await parseImportFile(
      utf8('INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;PLAATSNAAM\n12AB;99ZZ01;X;Y\n'),
      { layout: 'duo_locations', sector: 'bo' },
    );
    expect(parsed.invalid).toEqual([
      {
        line: 2,
        reasons: [expect.objectContaining({ code: 'location_code_mismatch', column: 'VESTIGINGSCODE' })],
      },
    ]);
  });
});

describe('layout 2: DUO pupils per location', () => {
  it('picks the first pupil column present and takes the school year from PEILDATUM (1 October)', async () => {
    const file =
      'PEILDATUM;INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;AANTAL LEERLINGEN;TOTAAL AANTAL LEERLINGEN\n' +
      '01-10-2025;12AB;12AB00;De Ëik;5;245\n' +
      '2024-10-01;12AB;1;De Linde;;130\n';
    const parsed = await parseImportFile(utf8(file), { layout: 'duo_pupils' });
    expect(parsed.invalid).toEqual([]);
    expect(parsed.rows).toEqual([
      { line: 2, brin: '12AB', locationCode: '00', pupilCount: { schoolYear: 2025, pupils: 245 } },
      { line: 3, brin: '12AB', locationCode: '01', pupilCount: { schoolYear: 2024, pupils: 130 } },
    ]);
  });

  it('uses TOTAAL before the longer names, and the form school year without PEILDATUM', async () => {
    const file = 'INSTELLINGSCODE;VESTIGINGSCODE;TOTAAL;AANTAL LEERLINGEN\n12AB;00;300;1\n';
    const parsed = await parseImportFile(utf8(file), { layout: 'duo_pupils', schoolYear: 2026 });
    expect(parsed.rows[0]?.pupilCount).toEqual({ schoolYear: 2026, pupils: 300 });
    const noYear = await parseImportFile(utf8(file), { layout: 'duo_pupils' });
    expect(noYear.problems).toEqual([{ code: 'school_year_required' }]);
  });

  it('names the missing pupil column', async () => {
    const parsed = await parseImportFile(
      utf8('INSTELLINGSCODE;VESTIGINGSCODE;PEILDATUM\n12AB;00;2025-10-01\n'),
      {
        layout: 'duo_pupils',
      },
    );
    expect(parsed.problems).toEqual([
      {
        code: 'missing_columns',
        params: { columns: 'TOTAAL / TOTAAL AANTAL LEERLINGEN / AANTAL LEERLINGEN' },
      },
    ]);
  });
});

describe('layout 3: the Passend template', () => {
  it('reads its own downloadable template (UTF-8 with BOM) without problems', async () => {
    const template = passendTemplateCsv('2025-2026');
    expect(template.startsWith(`\uFEFF${templateHeader}\r\n`)).toBe(true);
    const parsed = await parseImportFile(utf8(template), passend);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual([
      {
        line: 2,
        brin: '12AB',
        locationCode: '00',
        location: {
          name: 'Basisschool De Linde',
          sector: 'bo',
          place: 'Utrecht',
          street: 'Lindelaan',
          houseNumber: '12',
          postalCode: '3511 AB',
          boardCode: '41234',
          boardName: 'Stichting Voorbeeldscholen',
        },
        pupilCount: { schoolYear: 2025, pupils: 245 },
      },
    ]);
  });

  it('pupil counts are optional; headers match without case or surrounding spaces', async () => {
    const parsed = await parseImportFile(
      utf8(' BRIN ; Vestigingscode ;NAAM;Sector;Plaats\n12ab;0;De Ëik;BAO;Ede\n'),
      passend,
    );
    expect(parsed.rows).toEqual([
      { line: 2, brin: '12AB', locationCode: '00', location: { name: 'De Ëik', sector: 'bo', place: 'Ede' } },
    ]);
  });
});

describe('a broken file gets a preview that says what is wrong', () => {
  it('wrong delimiter: a comma or tab file is refused with "expected ;"', async () => {
    const comma = await parseImportFile(utf8('brin,vestigingscode,naam\n12AB,00,X\n'), passend);
    expect(comma.problems).toEqual([{ code: 'wrong_delimiter', params: { found: ',', expected: ';' } }]);
    const tab = await parseImportFile(utf8('brin\tvestigingscode\tnaam\n'), passend);
    expect(tab.problems).toEqual([{ code: 'wrong_delimiter', params: { found: 'tab', expected: ';' } }]);
  });

  it('missing column: names every required column that is absent', async () => {
    const parsed = await parseImportFile(utf8('INSTELLINGSCODE;VESTIGINGSNAAM;STRAATNAAM\n12AB;X;Y\n'), {
      layout: 'duo_locations',
      sector: 'bo',
    });
    expect(parsed.problems).toEqual([
      { code: 'missing_columns', params: { columns: 'VESTIGINGSCODE, PLAATSNAAM' } },
    ]);
  });

  it('binary file: a spreadsheet (xlsx is a zip), a PDF or NUL bytes are refused', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect((await parseImportFile(zip, passend)).problems).toEqual([
      { code: 'binary_file', params: { type: 'zip' } },
    ]);
    const pdf = utf8('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n');
    expect((await parseImportFile(pdf, passend)).problems).toEqual([
      { code: 'binary_file', params: { type: 'pdf' } },
    ]);
    const nul = new Uint8Array([0x62, 0x72, 0x69, 0x6e, 0x3b, 0x00, 0x01, 0x02]);
    expect((await parseImportFile(nul, passend)).problems).toEqual([
      { code: 'binary_file', params: { type: 'unknown' } },
    ]);
  });

  it('an empty file, a header without rows and an unclosed quote each get their own problem', async () => {
    expect((await parseImportFile(new Uint8Array(), passend)).problems).toEqual([{ code: 'empty_file' }]);
    expect((await parseImportFile(utf8(`${templateHeader}\n`), passend)).problems).toEqual([
      { code: 'no_rows' },
    ]);
    const unclosed = await parseImportFile(utf8(`${templateHeader}\n12AB;00;"De Eik;bo\n`), passend);
    expect(unclosed.problems).toEqual([{ code: 'malformed_csv', params: { line: 2 } }]);
  });
});

describe('invalid rows: line number and reason', () => {
  it('reports unknown sector, empty name, non-numeric and negative pupil counts and duplicates by line', async () => {
    const file = [
      templateHeader,
      '12AB;00;De Ëik;bo;;;;Ede;;;2025-2026;245', // 2: fine
      '', // 3: an empty line still counts
      '12AB;01;De Linde;mbo;;;;Ede;;;;', // 4: unknown sector
      '12AB;02;;bo;;;;Ede;;;;', // 5: empty name
      '12AB;03;Het Anker;bo;;;;Ede;;;2025-2026;veel', // 6: not a number
      '12AB;04;De Wilg;bo;;;;Ede;;;2025-2026;-3', // 7: negative
      '12AB;00;De Ëik bis;bo;;;;Ede;;;;', // 8: duplicate of line 2
      '"12AB";05;"Naam met ;', // 9-10: quoted field over two lines, then too few columns
      'puntkomma";bo', // (continued)
      '12AB;06;De Es;bo;;;9999 SS;Ede;;;2025-2026;12', // 11: postal code PostNL never issues
    ].join('\n');
    const parsed = await parseImportFile(utf8(file), passend);
    expect(parsed.rows.map((row) => row.line)).toEqual([2]);
    expect(parsed.invalid).toEqual([
      { line: 4, reasons: [{ code: 'unknown_sector', column: 'sector', params: { value: 'mbo' } }] },
      { line: 5, reasons: [{ code: 'required', column: 'naam' }] },
      {
        line: 6,
        reasons: [{ code: 'pupils_not_a_number', column: 'leerlingen', params: { value: 'veel' } }],
      },
      { line: 7, reasons: [{ code: 'negative_pupils', column: 'leerlingen', params: { value: '-3' } }] },
      { line: 8, reasons: [{ code: 'duplicate_location', params: { line: 2 } }] },
      { line: 9, reasons: [{ code: 'wrong_column_count', params: { expected: 12, found: 4 } }] },
      {
        line: 11,
        reasons: [{ code: 'invalid_postal_code', column: 'postcode', params: { value: '9999 SS' } }],
      },
    ]);
    expect(parsed.rowCount).toBe(8);
  });

  it('one board number with two names is a conflict on the later line', async () => {
    const file = [
      'brin;vestigingscode;naam;sector;plaats;bestuursnummer;bestuursnaam',
      '12AB;00;A;bo;Ede;41234;Stichting Een',
      '12AB;01;B;bo;Ede;41234;Stichting Twee',
    ].join('\n');
    const parsed = await parseImportFile(utf8(file), passend);
    expect(parsed.invalid).toEqual([
      { line: 3, reasons: [{ code: 'board_name_conflict', params: { board: '41234', line: 2 } }] },
    ]);
  });

  it('a pupils row for a location the partnership does not have is invalid', async () => {
    const parsed = await parseImportFile(utf8('INSTELLINGSCODE;VESTIGINGSCODE;TOTAAL\n12AB;00;10\n'), {
      layout: 'duo_pupils',
      schoolYear: 2025,
    });
    const plan = planImport(parsed, noData);
    expect(plan.invalid).toEqual([
      { line: 2, reasons: [{ code: 'unknown_location', params: { brin: '12AB', locationCode: '00' } }] },
    ]);
    expect(plan.counts).toEqual({ rows: 1, added: 0, changed: 0, unchanged: 0, invalid: 1 });
  });
});

describe('bad input never reaches the database (issue 13, finding 3)', () => {
  it('bad input: a NUL byte past the first 64 KiB is refused as a binary file too', async () => {
    const rows = Array.from({ length: 2500 }, (_, index) => `12AB;00;School ${index};bo;;;;Ede;;;;`);
    const file = `${templateHeader}\n${rows.join('\n')}\n12AB;01;Na\u0000am;bo;;;;Ede;;;;\n`;
    expect(file.indexOf('\u0000')).toBeGreaterThan(64 * 1024);
    expect((await parseImportFile(utf8(file), passend)).problems).toEqual([
      { code: 'binary_file', params: { type: 'unknown' } },
    ]);
    const windows = win1252(`${templateHeader}\n${rows.join('\n')}\n12AB;01;Caf\u00e9\u0000;bo;;;;Ede;;;;\n`);
    expect((await parseImportFile(windows, passend)).problems).toEqual([
      { code: 'binary_file', params: { type: 'unknown' } },
    ]);
  });

  it('bad input: a control character in a cell makes the row invalid with invalid_characters', async () => {
    const file = [
      templateHeader,
      '12AB;00;De \u0007Eik;bo;;;;Ede;;;;',
      '12AB;01;De Linde;bo;Dorps\u001bstraat;;;Ede;;;;',
      '12AB;02;De Wilg;bo;;;;Ede;;;;',
    ].join('\n');
    const parsed = await parseImportFile(utf8(file), passend);
    expect(parsed.rows.map((row) => row.line)).toEqual([4]);
    expect(parsed.invalid).toEqual([
      { line: 2, reasons: [{ code: 'invalid_characters', column: 'naam' }] },
      { line: 3, reasons: [{ code: 'invalid_characters', column: 'straat' }] },
    ]);
  });

  it('bad input: a count date whose school year lies outside 1990–2100 is an invalid date', async () => {
    const file =
      'PEILDATUM;INSTELLINGSCODE;VESTIGINGSCODE;TOTAAL\n' +
      '01-10-1500;12AB;00;245\n' +
      '2101-10-01;12AB;01;130\n' +
      '1990-10-01;12AB;02;100\n';
    const parsed = await parseImportFile(utf8(file), { layout: 'duo_pupils' });
    expect(parsed.rows.map((row) => row.pupilCount?.schoolYear)).toEqual([1990]);
    expect(parsed.invalid).toEqual([
      { line: 2, reasons: [{ code: 'invalid_date', column: 'PEILDATUM', params: { value: '01-10-1500' } }] },
      { line: 3, reasons: [{ code: 'invalid_date', column: 'PEILDATUM', params: { value: '2101-10-01' } }] },
    ]);
  });
});

describe('value rules', () => {
  it('maps DUO sector texts', () => {
    expect(
      ['BAO', 'Sbao', '(V)SO', 'VSO', 'VWO/HAVO/VMBO-(G)T', 'PRO', 'vmbo-b/vmbo-k', 'mbo', ''].map(
        sectorFromText,
      ),
    ).toEqual(['bo', 'sbo', 'so', 'vso', 'vo', 'vo', 'vo', null, null]);
  });

  it('reads count dates in the ways DUO writes them and refuses impossible ones', () => {
    expect(
      ['2025-10-01', '1-10-2025', '01/10/2025', '20251001', '2025-02-30', 'oktober'].map(parseCountDate),
    ).toEqual(['2025-10-01', '2025-10-01', '2025-10-01', '2025-10-01', null, null]);
  });

  it('pupil counts are whole numbers from 0 to 100,000', () => {
    expect(['0', '245', '-1', '1.5', '12a', '100001'].map(parsePupils)).toEqual([
      { pupils: 0 },
      { pupils: 245 },
      { code: 'negative_pupils' },
      { code: 'pupils_not_a_number' },
      { code: 'pupils_not_a_number' },
      { code: 'pupils_too_big' },
    ]);
  });
});

describe('comparing with the database', () => {
  const existing: ExistingData = {
    locations: [
      {
        id: 'loc-1',
        brin: '12AB',
        locationCode: '00',
        name: 'De Ëik',
        sector: 'bo',
        street: 'Kerkstraat',
        houseNumber: '1',
        postalCode: '3511 AB',
        place: 'Ede',
        boardCode: '41234',
      },
    ],
    boards: [{ id: 'board-1', code: '41234', name: 'Stichting Een' }],
    pupilCounts: [{ locationId: 'loc-1', schoolYear: 2025, pupils: 245 }],
  };
  const header =
    'brin;vestigingscode;naam;sector;straat;huisnummer;postcode;plaats;bestuursnummer;schooljaar;leerlingen';

  it('sorts rows into added, changed (with the fields) and unchanged, and plans only those writes', async () => {
    const file = [
      header,
      '12AB;00;De Ëik;bo;Kerkstraat;1;3511AB;Ede;41234;2025-2026;245', // unchanged
      '12AB;01;Nieuw;bo;;;;Ede;41299;2025-2026;10', // added, with a new board
    ].join('\n');
    const parsed = await parseImportFile(utf8(file), passend);
    const plan = planImport(parsed, existing);
    expect(plan.counts).toEqual({ rows: 2, added: 1, changed: 0, unchanged: 1, invalid: 0 });
    expect(plan.boards).toEqual([{ code: '41299', name: '41299' }]);
    expect(plan.locations.map((row) => row.locationCode)).toEqual(['01']);
    expect(plan.pupilCounts).toEqual([{ brin: '12AB', locationCode: '01', schoolYear: 2025, pupils: 10 }]);

    const changed = await parseImportFile(
      utf8(`${header}\n12AB;00;De Eik;bo;Kerkstraat;1;3511 AB;Ede;;2025-2026;250\n`),
      passend,
    );
    const changePlan = planImport(changed, existing);
    expect(changePlan.changed).toEqual([
      expect.objectContaining({
        line: 2,
        fields: ['name', 'boardCode', 'pupils'],
        pupils: 250,
        schoolYear: 2025,
      }),
    ]);
    expect(changePlan.counts.changed).toBe(1);
  });

  it('a DUO file without address columns leaves the address alone', async () => {
    const parsed = await parseImportFile(
      utf8('INSTELLINGSCODE;VESTIGINGSCODE;VESTIGINGSNAAM;PLAATSNAAM\n12AB;12AB00;De Ëik;Ede\n'),
      { layout: 'duo_locations', sector: 'bo' },
    );
    expect(planImport(parsed, existing).counts).toEqual({
      rows: 1,
      added: 0,
      changed: 0,
      unchanged: 1,
      invalid: 0,
    });
  });
});
