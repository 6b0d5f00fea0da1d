import type { Response } from 'express';

/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads the encoding), comma
 * separated, CRLF line ends, and cells that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or carriage return) prefixed with an apostrophe.
 */
export const CSV_BOM = '\uFEFF';

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** Starts a CSV download: status, headers (never cached: rows are dealer-scoped) and the byte-order mark; the caller writes the lines and ends. */
export function startCsv(res: Pick<Response, 'status' | 'setHeader' | 'write'>, filename: string): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.write(CSV_BOM);
}
