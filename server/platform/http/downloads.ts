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
    const isFormula = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(,\d+)?$/.test(value);
    const text = isFormula ? `'${value}` : value;
    return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [header, ...rows].map((row) => row.map(cell).join(';'));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
