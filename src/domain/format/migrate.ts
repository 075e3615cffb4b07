/**
 * Older map files read as the current version. Each step takes the raw JSON
 * of one version and returns a NEW object of the next: the input is never
 * mutated, so a caller may still show or re-read what the user gave it.
 */
import { isLinkId } from '../schema';
import type { Problem } from '../integrity';

type Raw = Record<string, unknown>;

const isPlainObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Version 1 → 2. Version 2 only adds optional link fields, so a version-1
 * file is a valid version-2 file, with two exceptions that make it say
 * something version 1 could not: `group` and `scheme` were unknown fields
 * in version 1 (rule 1: dropped), and a version-1 link always ends at a
 * claim (a `to` naming a link is a problem of the file, not an undercut).
 */
export function migrateV1toV2(raw: Readonly<Raw>): { file: Raw; problems: Problem[] } {
  const problems: Problem[] = [];
  const file: Raw = { ...raw, version: 2 };
  const links = raw['links'];
  if (Array.isArray(links)) {
    file['links'] = links.map((link: unknown, i) => {
      if (!isPlainObject(link)) return link;
      const copy: Raw = { ...link };
      delete copy['group'];
      delete copy['scheme'];
      const to = copy['to'];
      if (typeof to === 'string' && isLinkId(to)) {
        problems.push({ path: `links[${i}].to`, message: 'in a version-1 file a link ends at a claim, not at a link' });
      }
      return copy;
    });
  }
  return { file, problems };
}

/**
 * Version 2 → 3. Version 3 only adds the optional `comments` table, so a
 * version-2 file is a version-3 file without comments; `comments` was an
 * unknown field in version 2 (rule 1: dropped).
 */
export function migrateV2toV3(raw: Readonly<Raw>): { file: Raw; problems: Problem[] } {
  const file: Raw = { ...raw, version: 3 };
  delete file['comments'];
  return { file, problems: [] };
}

/**
 * The raw JSON of any version this app reads, as the current version. The
 * caller has already refused versions newer than MAP_FILE_VERSION; a missing
 * or malformed version is left for the schema to report.
 */
export function migrateToCurrent(raw: Readonly<Raw>): { file: Raw; problems: Problem[] } {
  const version = raw['version'];
  if (version === 1) {
    const v2 = migrateV1toV2(raw);
    return { file: migrateV2toV3(v2.file).file, problems: v2.problems };
  }
  if (version === 2) return migrateV2toV3(raw);
  return { file: raw as Raw, problems: [] };
}
