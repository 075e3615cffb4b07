/**
 * What IndexedDB holds: the domain records plus the map they belong to.
 * Types come from the schemas (`z.infer`), like every other type of the app.
 */
import { z } from '../domain/zod';
import {
  ClaimSchema,
  CommentSchema,
  LinkSchema,
  MAX_ID,
  MAX_TITLE,
  MapIdSchema,
  MapMetaSchema,
  PositionSchema,
  QuoteSchema,
  SourceSchema,
} from '../domain/schema';

/**
 * `revision` counts the commits written to the map: a tab writes only over
 * the revision it has seen (see `commitChange`), so two tabs never silently
 * overwrite each other. `epoch` names one incarnation of the map: every
 * create, import, replace, duplicate and restore writes a fresh one, so a tab
 * that loaded an earlier incarnation (deleted, then imported again under the
 * same id, its revision back at 0) is refused as stale all the same. Rows
 * written before epochs existed have none, which counts as "".
 */
export const MapRowSchema = MapMetaSchema.extend({
  revision: z.number().int().nonnegative(),
  epoch: z.string().max(MAX_ID).optional(),
});
export const SourceRowSchema = SourceSchema.extend({ mapId: MapIdSchema });
export const QuoteRowSchema = QuoteSchema.extend({ mapId: MapIdSchema });
export const ClaimRowSchema = ClaimSchema.extend({ mapId: MapIdSchema });
export const LinkRowSchema = LinkSchema.extend({ mapId: MapIdSchema });
/** Format version 3 (database version 4): one comment of a review thread. */
export const CommentRowSchema = CommentSchema.extend({ mapId: MapIdSchema });
/** One node position; `id` is the claim or quote id. */
export const LayoutRowSchema = PositionSchema.extend({ id: z.string().max(MAX_ID), mapId: MapIdSchema });

export type MapRow = z.infer<typeof MapRowSchema>;
export type SourceRow = z.infer<typeof SourceRowSchema>;
export type QuoteRow = z.infer<typeof QuoteRowSchema>;
export type ClaimRow = z.infer<typeof ClaimRowSchema>;
export type LinkRow = z.infer<typeof LinkRowSchema>;
export type CommentRow = z.infer<typeof CommentRowSchema>;
export type LayoutRow = z.infer<typeof LayoutRowSchema>;

/** Entity rows are keyed by `[mapId, id]`: ids are unique within a map, not across maps. */
export type RowKey = [mapId: string, id: string];

/** The trash keeps what was deleted or replaced this long, then `purgeTrash` drops it. */
export const TRASH_KEEP_DAYS = 30;

export const TrashIdSchema = z
  .string()
  .min(7)
  .max(MAX_ID)
  .refine((s) => s.startsWith('trash_'), { message: 'must start with "trash_"' });

/** Entity counts of what an entry holds, so the trash list need not open payloads. */
export const TrashCountsSchema = z.object({
  sources: z.number().int().nonnegative(),
  quotes: z.number().int().nonnegative(),
  claims: z.number().int().nonnegative(),
  links: z.number().int().nonnegative(),
});

/** A deleted source with everything that went with it, as domain records (no `mapId`). */
export const TrashedSourceSchema = z.object({
  source: SourceSchema,
  quotes: z.array(QuoteSchema),
  /** Links from the source's quotes (a link's `to` is always a claim, so none point at them). */
  links: z.array(LinkSchema),
  /** Threads on the source, its quotes and those links (database version 4; absent in older entries). */
  comments: z.array(CommentSchema).optional(),
  /** Positions of the source's quotes in the graph. */
  layout: z.array(PositionSchema.extend({ id: z.string().max(MAX_ID) })),
});

/** The longest title a trash entry keeps; the payload keeps the whole record. */
export const TRASH_TITLE_MAX = MAX_TITLE;

const TrashEntryBase = {
  id: TrashIdSchema,
  mapId: MapIdSchema,
  /** The map's or the source's title when it went to the trash. */
  title: z.string().max(TRASH_TITLE_MAX),
  /** The title of the map it belonged to (for a map entry, the map's own). */
  mapTitle: z.string().max(TRASH_TITLE_MAX),
  deletedAt: z.iso.datetime({ offset: true }),
  reason: z.enum(['deleted', 'replaced']),
  counts: TrashCountsSchema,
};

/**
 * One thing in the trash, restorable whole for TRASH_KEEP_DAYS days: a map
 * (its map file text, as `serializeMap` writes it, so restoring is an import
 * through the same checks as any file) or a source of a map with its quotes,
 * their links and positions.
 */
export const TrashEntrySchema = z.discriminatedUnion('kind', [
  z.object({
    ...TrashEntryBase,
    kind: z.literal('map'),
    /** The map's revision when it was removed: a restore goes on from it. */
    revision: z.number().int().nonnegative(),
    payload: z.string(),
  }),
  z.object({ ...TrashEntryBase, kind: z.literal('source'), payload: TrashedSourceSchema }),
]);

export type TrashEntry = z.infer<typeof TrashEntrySchema>;

/** What the trash list shows of an entry: its payload is neither read nor checked. */
export const TrashListingSchema = z.object({ ...TrashEntryBase, kind: z.enum(['map', 'source']) });
export type TrashedSource = z.infer<typeof TrashedSourceSchema>;
export type TrashCounts = z.infer<typeof TrashCountsSchema>;

/**
 * A map shared live (see src/share/). `token` is what this device connects
 * with; the sharer also keeps both tokens to show both links. `state` is the
 * encoded Y.Doc (Y.encodeStateAsUpdate) as last compacted, and the updates
 * saved since are rows of `shareUpdates`: together they keep, over a reload
 * while offline, what the server has not yet received; `localClients` are the
 * Yjs client ids this device wrote with.
 */
export const ShareRowSchema = z.object({
  mapId: MapIdSchema,
  server: z.string().max(2000),
  doc: z.string().max(200),
  role: z.enum(['owner', 'edit', 'review']),
  token: z.string().max(200),
  editToken: z.string().max(200).optional(),
  reviewToken: z.string().max(200).optional(),
  state: z.instanceof(Uint8Array).optional(),
  localClients: z.array(z.number().int().nonnegative()),
  /** This user's name as collaborators see it. */
  name: z.string().max(100).optional(),
  /**
   * The map's id inside the shared document, when it differs from the local
   * `mapId`: a map opened by link gets a local id of its own, so it can never
   * collide with (and attach to) a private map of the same id.
   */
  sharedMapId: MapIdSchema.optional(),
});

/**
 * A Y.Doc update of a shared map saved after its `state` (version 5): the
 * edits since the state was last written, appended one save at a time so a
 * save costs what changed, not the whole map. Merged into the state now and
 * then (compactShareState).
 */
export const ShareUpdateRowSchema = z.object({
  /** Assigned by IndexedDB on add: the order the updates were saved in. */
  seq: z.number().int().positive().optional(),
  mapId: MapIdSchema,
  update: z.instanceof(Uint8Array),
});
export type ShareUpdateRow = z.infer<typeof ShareUpdateRowSchema>;
export type ShareRow = z.infer<typeof ShareRowSchema>;

/**
 * A saved version of a map (database version 4): the whole map as its map
 * file text, as `serializeMap` writes it, so opening a version is an import
 * through the same checks as any file. `auto` versions are saved by the app
 * (before a Replace on import, before taking changes, hourly while editing)
 * and pruned; `named` ones are the user's and kept.
 */
export const VersionRowSchema = z.object({
  id: z.string().min(4).max(MAX_ID).refine((s) => s.startsWith('ver_'), { message: 'must start with "ver_"' }),
  mapId: MapIdSchema,
  name: z.string().max(MAX_TITLE),
  kind: z.enum(['named', 'auto']),
  savedAt: z.iso.datetime({ offset: true }),
  /** The map's revision when it was saved. */
  revision: z.number().int().nonnegative(),
  counts: TrashCountsSchema,
  payload: z.string(),
});
export type VersionRow = z.infer<typeof VersionRowSchema>;
/** What the Versions list shows: the payload is not read. */
export type VersionListing = Omit<VersionRow, 'payload'>;
