import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, csvLine, startCsv } from './csv.js';

describe('CSV cells', () => {
  it('neutralise formulas a spreadsheet would run', () => {
    expect(csvCell('=HYPERLINK("http://evil","click")')).toBe(`"'=HYPERLINK(""http://evil"",""click"")"`);
    expect(csvCell('+31 6 1234')).toBe("'+31 6 1234");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tTAB')).toBe("'\tTAB");
    expect(csvCell('\r=1+1')).toBe(`"'\r=1+1"`);
  });
  it('leave numbers (negative ones too) as numbers', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(12.5)).toBe('12.5');
  });
  it('quote commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvLine(['x', null, 3])).toBe('x,,3\r\n');
  });
});

describe('a CSV download', () => {
  it('starts the same way for every export: 200, CSV type, attachment name, not cached, byte-order mark', () => {
    const calls: unknown[][] = [];
    const res = { status: (...a: unknown[]) => calls.push(['status', ...a]), setHeader: (...a: unknown[]) => calls.push(['header', ...a]), write: (...a: unknown[]) => calls.push(['write', ...a]) };
    startCsv(res as never, 'contacts.csv');
    expect(calls).toEqual([
      ['status', 200],
      ['header', 'Content-Type', 'text/csv; charset=utf-8'],
      ['header', 'Content-Disposition', 'attachment; filename="contacts.csv"'],
      ['header', 'Cache-Control', 'no-store'],
      ['write', CSV_BOM],
    ]);
  });
});
