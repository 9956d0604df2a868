export function parseTags(header: string): string[] | null {
  const parts = header.match(/^(,?\s*\w+)+;$/);
  return parts ? header.slice(0, -1).split(',') : null;
}
