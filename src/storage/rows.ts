/**
 * What IndexedDB holds: the domain records plus the map they belong to.
 * Types come from the schemas (`z.infer`), like every other type of the app.
 */
import { z } from '../domain/zod';
import {
  ClaimSchema,
  LinkSchema,
  MapIdSchema,
  MapMetaSchema,
  PositionSchema,
  QuoteSchema,
  SourceSchema,
} from '../domain/schema';

/**
 * `revision` counts the commits written to the map: a tab writes only over
 * the revision it has seen (see `commitChange`), so two tabs never silently
 * overwrite each other.
 */
export const MapRowSchema = MapMetaSchema.extend({ revision: z.number().int().nonnegative() });
export const SourceRowSchema = SourceSchema.extend({ mapId: MapIdSchema });
export const QuoteRowSchema = QuoteSchema.extend({ mapId: MapIdSchema });
export const ClaimRowSchema = ClaimSchema.extend({ mapId: MapIdSchema });
export const LinkRowSchema = LinkSchema.extend({ mapId: MapIdSchema });
/** One node position; `id` is the claim or quote id. */
export const LayoutRowSchema = PositionSchema.extend({ id: z.string().max(200), mapId: MapIdSchema });

export type MapRow = z.infer<typeof MapRowSchema>;
export type SourceRow = z.infer<typeof SourceRowSchema>;
export type QuoteRow = z.infer<typeof QuoteRowSchema>;
export type ClaimRow = z.infer<typeof ClaimRowSchema>;
export type LinkRow = z.infer<typeof LinkRowSchema>;
export type LayoutRow = z.infer<typeof LayoutRowSchema>;

/** Entity rows are keyed by `[mapId, id]`: ids are unique within a map, not across maps. */
export type RowKey = [mapId: string, id: string];
