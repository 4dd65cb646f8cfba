import { describe, expect, it } from 'vitest';
import { dateSchema, isMultilineText, isSingleLineText, multilineTextSchema, textSchema } from './fields.ts';

const issueCodes = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  result.success ? [] : (result.error?.issues.map((issue) => issue.message) ?? []);

describe('text pieces (issue 13, finding 3)', () => {
  it('bad input: one-line text refuses NUL, other C0 and C1 controls, DEL and line breaks', () => {
    for (const value of ['a\u0000b', '\u0007', 'a\tb', 'a\nb', 'a\rb', '\u007f', '\u0085', '\u009b']) {
      expect({ value, ok: isSingleLineText(value) }).toEqual({ value, ok: false });
    }
  });

  it('bad input: multi-line text keeps tab, line feed and carriage return, refuses the other controls', () => {
    expect(isMultilineText('Regel een\r\nRegel\ttwee\n')).toBe(true);
    for (const value of ['a\u0000b', '\u000b', '\u000c', '\u001b[31m', '\u007f', '\u0085']) {
      expect({ value, ok: isMultilineText(value) }).toEqual({ value, ok: false });
    }
  });

  it('bad input: lone surrogates are refused, a surrogate pair is a character like any other', () => {
    for (const value of ['\ud800', 'a\udfff', '\ud83d', '\ude00x']) {
      expect(isSingleLineText(value)).toBe(false);
      expect(isMultilineText(value)).toBe(false);
    }
    expect(isSingleLineText('😀 Fleur')).toBe(true);
  });

  it('text with marks, accents and right-to-left script is accepted', () => {
    for (const value of ['Selin Yılmaz', 'Zoë', 'عائشة', 'a\u200fb', '\u202eabc', '\ufeffBOM']) {
      expect({ value, ok: isSingleLineText(value) }).toEqual({ value, ok: true });
    }
  });

  it('the schemas trim, bound the length and name the refusal invalid_characters', () => {
    expect(textSchema(5).parse('  abc  ')).toBe('abc');
    expect(textSchema(5).safeParse('abcdef').success).toBe(false);
    expect(issueCodes(textSchema(50).safeParse('a\u0000b'))).toEqual(['invalid_characters']);
    expect(issueCodes(multilineTextSchema(50).safeParse('a\u0000b'))).toEqual(['invalid_characters']);
    expect(multilineTextSchema(50).parse('a\nb')).toBe('a\nb');
  });
});

describe('the date piece (issue 13, finding 3)', () => {
  it('bad input: year 0000, 1899 and 2101 are out of range', () => {
    for (const value of ['0000-01-01', '1899-12-31', '2101-01-01', '9999-12-31']) {
      expect(issueCodes(dateSchema.safeParse(value))).toEqual(['date_out_of_range']);
    }
  });

  it('1900-01-01 up to 2100-12-31 are accepted; a date that does not exist is not a date', () => {
    for (const value of ['1900-01-01', '2026-08-01', '2100-12-31', '2028-02-29']) {
      expect(dateSchema.safeParse(value).success).toBe(true);
    }
    for (const value of ['2026-02-30', '2026-13-01', '2026-1-1', '']) {
      expect(dateSchema.safeParse(value).success).toBe(false);
    }
    // Something that is not a date gets the one answer that it is not, not also that it is out of range.
    for (const value of ['morgen', '1-10-2026', '2026-01-01T00:00:00Z']) {
      const result = dateSchema.safeParse(value);
      expect(result.error?.issues.map((issue) => issue.code)).toEqual(['invalid_format']);
    }
  });
});
