export function parseDataUrl(url: string): string[] | null {
  const parts = url.match(/^data:(.*?),(.*?)(?:#(.*))?$/);
  return parts ? parts.slice(1) : null;
}
