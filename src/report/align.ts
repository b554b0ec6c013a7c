/**
 * Plain-text table for the terminal: columns padded to their widest cell,
 * counted in code points without combining marks (the hat of p̂ is U+0302).
 * Wide CJK or emoji characters may still shift a row; no width table is
 * worth it here. Ragged rows are padded as if the missing cells were empty.
 */
export function alignColumns(rows: string[][], rightAligned: boolean[]): string[] {
  const width = (text: string): number => Array.from(text.replace(/\p{M}/gu, '')).length;
  const columns = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, col) => Math.max(...rows.map((row) => width(row[col] ?? ''))));
  return rows.map((row) =>
    row
      .map((cell, col) => {
        const pad = ' '.repeat(widths[col] - width(cell));
        return rightAligned[col] ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd(),
  );
}
