/** An attachment download header that keeps Dutch characters in the file name. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * A CSV file as Dutch spreadsheets open it: semicolons, a byte-order mark for the encoding, CRLF lines.
 * A text cell that a spreadsheet would run as a formula (=, +, -, @ first) is kept as text; a number
 * written with a decimal comma is left as it is.
 */
export function csvDocument(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>) {
  const cell = (value: string | number) => {
    if (typeof value === 'number') return String(value);
    const text = neutraliseFormula(value);
    return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [header, ...rows].map((row) => row.map(cell).join(';'));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/**
 * A text cell that a spreadsheet would run as a formula (=, +, -, @, a tab or a carriage return first)
 * prefixed with an apostrophe so it stays text; a number written as text (`-1,5`) is left as it is.
 * Every CSV and XLSX writer passes its text cells through this one function.
 */
export function neutraliseFormula(text: string): string {
  const isFormula = /^[=+\-@\t\r]/.test(text) && !/^-?\d+(,\d+)?$/.test(text);
  return isFormula ? `'${text}` : text;
}
