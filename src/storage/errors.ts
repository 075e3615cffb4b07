/**
 * Why a write failed, in terms the store can act on and the user can read.
 * Every failed write left nothing behind (one transaction each), so the
 * messages say what was not saved, never that data was damaged.
 */

function errorName(e: unknown): string | undefined {
  if (e && typeof e === 'object' && 'name' in e && typeof e.name === 'string') return e.name;
  return undefined;
}

/**
 * Is `e` a full disk or quota, directly or as the reason of an aborted
 * transaction? Browsers report it as a QuotaExceededError DOMException, Dexie
 * as `Dexie.QuotaExceededError`, and some browsers only as an AbortError whose
 * `inner` is the quota error (Dexie's docs: always inspect `inner`).
 */
export function isQuotaError(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 5) return false;
  if (e instanceof StorageFullError) return true;
  const name = errorName(e);
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  // Legacy DOMException code 22 (QUOTA_EXCEEDED_ERR) in older engines.
  if (typeof DOMException !== 'undefined' && e instanceof DOMException && e.code === 22) return true;
  const inner = (e as { inner?: unknown }).inner;
  const cause = (e as { cause?: unknown }).cause;
  return isQuotaError(inner, depth + 1) || isQuotaError(cause, depth + 1);
}

/** `e` or its `inner`/`cause` chain, when one of them is named `name`. */
function findError(e: unknown, name: string, depth = 0): Error | undefined {
  if (!e || typeof e !== 'object' || depth > 5) return undefined;
  if (errorName(e) === name && e instanceof Error) return e;
  return findError((e as { inner?: unknown }).inner, name, depth + 1) ?? findError((e as { cause?: unknown }).cause, name, depth + 1);
}

function isClosedError(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 5) return false;
  const name = errorName(e);
  if (name === 'DatabaseClosedError' || name === 'VersionChangeError' || name === 'MissingAPIError') return true;
  return isClosedError((e as { inner?: unknown }).inner, depth + 1);
}

/** The browser's storage for this site is full: the write was rolled back. */
export class StorageFullError extends Error {
  override readonly name = 'StorageFullError';
  constructor(options?: { cause?: unknown }) {
    super('Storage is full', options);
  }
}

/**
 * A tab tried to write over a revision of the map it has not seen: another
 * tab wrote in between. Nothing was written.
 */
export class StaleRevisionError extends Error {
  override readonly name = 'StaleRevisionError';
  constructor(
    readonly mapId: string,
    readonly baseRevision: number,
    readonly currentRevision: number,
  ) {
    super(`Map ${mapId} is at revision ${currentRevision}, the change was made on revision ${baseRevision}`);
  }
}

/** The map to write to does not exist (deleted, perhaps in another tab). */
export class MapNotFoundError extends Error {
  override readonly name = 'MapNotFoundError';
  constructor(readonly mapId: string) {
    super(`No map with id ${mapId}`);
  }
}

/**
 * A write that would break the map's references (a record of another map, a
 * quote of a missing source, a link to a missing node, a deletion that would
 * leave orphans). A bug in the caller: refused so the stored map stays valid.
 */
export class IntegrityError extends Error {
  override readonly name = 'IntegrityError';
  constructor(readonly problems: string[]) {
    super(`Refused to write an inconsistent change: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`);
  }
}

export type StorageErrorKind = 'full' | 'stale' | 'closed' | 'other';

/**
 * What went wrong, with a message for the user. `what` names what was not
 * saved ("Your last change", "The imported map"); every failed write is
 * rolled back whole, so nothing else was lost.
 */
export function classifyStorageError(
  e: unknown,
  what = 'Your last change',
): { kind: StorageErrorKind; message: string } {
  if (isQuotaError(e)) {
    return {
      kind: 'full',
      message: `${what} was not saved: this browser's storage for Warrant is full. Export and delete maps you no longer need, empty the Trash, or free disk space, then try again.`,
    };
  }
  if (e instanceof StaleRevisionError || errorName(e) === 'StaleRevisionError') {
    return {
      kind: 'stale',
      message: `${what} was not saved: this map was changed in another tab. Reopen the map to see the latest version, then make the change again.`,
    };
  }
  const upgrade = findError(e, 'DatabaseUpgradeError');
  if (upgrade) {
    return {
      kind: 'closed',
      message: `${what} was not saved: ${upgrade.message} Reload the page to try again.`,
    };
  }
  if (isClosedError(e)) {
    return {
      kind: 'closed',
      message: `${what} was not saved: the database was closed, probably because Warrant was updated in another tab. Reload the page to continue.`,
    };
  }
  if (e instanceof MapNotFoundError) {
    return { kind: 'other', message: `${what} was not saved: this map no longer exists (it may have been deleted in another tab).` };
  }
  const detail = e instanceof Error ? e.message : String(e);
  return { kind: 'other', message: `${what} was not saved: ${detail}` };
}

/** Rethrows `e`, as StorageFullError when it is a quota error, so callers test one class. */
export function rethrowStorageError(e: unknown): never {
  if (isQuotaError(e) && !(e instanceof StorageFullError)) throw new StorageFullError({ cause: e });
  throw e;
}

/** `createMap` refuses to overwrite: a map with this id exists already. */
export class MapExistsError extends Error {
  override readonly name = 'MapExistsError';
  constructor(readonly mapId: string) {
    super(`A map with id ${mapId} exists already`);
  }
}

/**
 * Deleting a map would have kept a copy in the trash, but storage is too
 * full for one. Nothing was written; `deleteMap(id, db, { forGood: true })`
 * deletes without the copy, once the user has agreed.
 */
export class NoRoomInTrashError extends Error {
  override readonly name = 'NoRoomInTrashError';
  constructor(options?: { cause?: unknown }) {
    super('There is no room to keep a copy in the Trash', options);
  }
}

/** A trash entry could not be restored; the message says why and what to do. Nothing was written. */
export class TrashRestoreError extends Error {
  override readonly name = 'TrashRestoreError';
}
