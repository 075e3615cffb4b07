import type { MapDoc } from '../change';

/**
 * What an import from a foreign format (Argdown, AIF) brought in, and what it
 * could not bring in as it was. The import UI shows it to the user before the
 * map is saved, so every loss is said out loud rather than silent.
 */
export type InterchangeSummary = {
  imported: { claims: number; links: number; quotes: number; sources: number };
  /** Things the format can say and Warrant cannot, kept as notes on claims (or the map). */
  notes: string[];
  /** Things dropped, each with the reason. */
  leftOut: string[];
};

export type ImportResult =
  | { ok: true; doc: MapDoc; summary: InterchangeSummary }
  | { ok: false; message: string };

/**
 * What an export to a foreign format does not keep, for the notice shown on
 * export. "Nothing was left out" is said only when `leftOut` is empty.
 */
export type ExportNotice = {
  /** Things the file does not hold at all, with counts. */
  leftOut: string[];
  /** Things the file holds only where other tools do not look (Warrant reads them back). */
  otherToolsIgnore: string[];
};

/** The notice as lines of text. */
export function exportNoticeLines(format: string, notice: ExportNotice): string[] {
  const lines = notice.leftOut.length
    ? [`Not kept in the ${format} file: ${sentenceList(notice.leftOut)}`]
    : ['Nothing was left out.'];
  return [...lines, ...notice.otherToolsIgnore];
}

/**
 * Items written as short sentences ("2 link weights.", "the text of 3
 * sources.") as one sentence: "2 link weights and the text of 3 sources."
 * Read one after another they made "2 link weights. the text of 3 sources".
 */
export function sentenceList(items: readonly string[]): string {
  const parts = items.map((i) => i.trim().replace(/\.$/, ''));
  // An item with its own "and" would run into the list's: semicolons keep them apart.
  const sep = parts.some((p) => p.includes(' and ') || p.includes(',')) ? '; ' : ', ';
  const last = parts.length > 1 ? `${sep === '; ' ? ';' : ''} and ${parts[parts.length - 1]}` : '';
  const list = parts.length < 2 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(sep)}${last}`;
  return `${list}.`;
}
