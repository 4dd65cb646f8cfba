import { describe, expect, it } from 'vitest';
import { contentDisposition, csvDocument, neutraliseFormula } from './downloads.ts';

describe('downloads', () => {
  it('writes CSV for Dutch spreadsheets: BOM, semicolons, CRLF, quotes where needed', () => {
    const csv = csvDocument(
      ['naam', 'aantal'],
      [
        ['De "Regenboog"; Ede', 3],
        ['Het Anker', 12.5],
      ],
    );
    expect(csv).toBe('\ufeffnaam;aantal\r\n"De ""Regenboog""; Ede";3\r\nHet Anker;12.5\r\n');
  });

  it('keeps a cell a spreadsheet would run as a formula as text, but not a negative number', () => {
    const csv = csvDocument(['a', 'b', 'c', 'd'], [['=HYPERLINK("x")', '@SUM(A1)', '-1,5', '+31 6']]);
    expect(csv.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x"")";'@SUM(A1);-1,5;'+31 6`);
  });

  it('neutralises every formula start, tab and carriage return included, but not a number', () => {
    expect(['=1+1', '+31', '-x', '@x', '\tx', '\rx', '-1,5', '12', 'a=b'].map(neutraliseFormula)).toEqual([
      "'=1+1",
      "'+31",
      "'-x",
      "'@x",
      "'\tx",
      "'\rx",
      '-1,5',
      '12',
      'a=b',
    ]);
  });

  it('names a download with its Dutch characters kept', () => {
    expect(contentDisposition('Verdeling 2026–2027.csv')).toContain("filename*=UTF-8''Verdeling%202026");
  });
});
