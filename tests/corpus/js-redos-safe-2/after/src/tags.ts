export function parseTags(header: string): string[] | null {
  const parts = header.match(/^\w+(?:,\s*\w+)*;$/);
  const data = header.match(/^data:([^,]*?),([^#]*?)(?:#(.*))?$/);
  return parts && !data ? header.slice(0, -1).split(',') : null;
}
