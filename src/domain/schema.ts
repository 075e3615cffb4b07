/**
 * The data of Warrant, defined once. Every type of the app comes from these
 * schemas through `z.infer`; `docs/file-format.md` is the prose
 * version of the same contract (map file format, version 3; versions 1 and 2
 * are migrated on read, see `format/migrate.ts`).
 *
 * A released version's schema is frozen: changing a field here without a
 * migration in `format/` breaks every file users have already exported.
 */
import { z } from './zod';

/** ISO 8601 timestamp, e.g. `2026-11-23T10:00:00.000Z`. */
export const TimestampSchema = z.iso.datetime({ offset: true });

/**
 * The longest value each text field takes, in UTF-16 code units. Every input
 * of the UI takes its maxLength from here, so what can be typed can be stored.
 */
export const MAX_ID = 200;
export const MAX_TITLE = 1000;
export const MAX_NAME = 1000;
export const MAX_PUBLISHED_AT = 100;
export const MAX_URL = 4000;
export const MAX_NOTE = 100_000;
export const MAX_CLAIM_TEXT = 10_000;
export const MAX_TAG = 200;
export const MAX_TAGS = 100;
export const MAX_AFFIX = 32;
export const MAX_GROUP = 100;
export const MAX_SCHEME = 200;
/** Version 3: a comment's author, as the commenter gave it (`Your name`). */
export const MAX_AUTHOR = 80;
/** Version 3: a comment's text. */
export const MAX_COMMENT = 10_000;

export const MAP_ID_PREFIX = 'map_';
export const SOURCE_ID_PREFIX = 'src_';
export const QUOTE_ID_PREFIX = 'q_';
export const CLAIM_ID_PREFIX = 'c_';
export const LINK_ID_PREFIX = 'l_';
/** Version 3. Not `c…_`: a comment id never reads as a claim id (`c_`). */
export const COMMENT_ID_PREFIX = 'cm_';

const idWithPrefix = (prefix: string) =>
  z
    .string()
    .min(prefix.length + 1)
    .max(MAX_ID)
    .refine((s) => s.startsWith(prefix), { message: `must start with "${prefix}"` });

export const MapIdSchema = idWithPrefix(MAP_ID_PREFIX);
export const SourceIdSchema = idWithPrefix(SOURCE_ID_PREFIX);
export const QuoteIdSchema = idWithPrefix(QUOTE_ID_PREFIX);
export const ClaimIdSchema = idWithPrefix(CLAIM_ID_PREFIX);
export const LinkIdSchema = idWithPrefix(LINK_ID_PREFIX);
export const CommentIdSchema = idWithPrefix(COMMENT_ID_PREFIX);
/** Claims and quotes share one node id space: a link's `from` is either. */
export const NodeIdSchema = z
  .string()
  .max(MAX_ID)
  .refine((s) => (s.startsWith(CLAIM_ID_PREFIX) || s.startsWith(QUOTE_ID_PREFIX)) && s.length > 2, {
    message: 'must be a claim id (c_…) or a quote id (q_…)',
  });

/** Admiralty scale, source reliability: A completely reliable … E unreliable, F cannot be judged. */
export const ReliabilitySchema = z.enum(['A', 'B', 'C', 'D', 'E', 'F']);
/** Admiralty scale, information credibility: 1 confirmed … 5 improbable, 6 cannot be judged. */
export const CredibilitySchema = z.union([
  z.literal(1),
  z.literal(2),
  z.literal(3),
  z.literal(4),
  z.literal(5),
  z.literal(6),
]);
/** 1 weak · 2 moderate · 3 strong; absent means 2. */
export const WeightSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export const RelationSchema = z.enum(['supports', 'contradicts']);
export const ClaimKindSchema = z.enum(['thesis', 'claim']);

/** Only http(s) URLs may be stored: `javascript:` and `data:` never become links. */
export const SourceUrlSchema = z
  .string()
  .max(MAX_URL)
  .refine(
    (s) => {
      try {
        const u = new URL(s);
        return u.protocol === 'http:' || u.protocol === 'https:';
      } catch {
        return false;
      }
    },
    { message: 'must be an http: or https: URL' },
  );

export const MapMetaSchema = z.object({
  id: MapIdSchema,
  title: z.string().max(MAX_TITLE),
  description: z.string().max(MAX_NOTE).optional(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});

export const SourceSchema = z.object({
  id: SourceIdSchema,
  title: z.string().max(MAX_TITLE),
  author: z.string().max(MAX_NAME).optional(),
  publisher: z.string().max(MAX_NAME).optional(),
  publishedAt: z.string().max(MAX_PUBLISHED_AT).optional(),
  url: SourceUrlSchema.optional(),
  reliability: ReliabilitySchema.optional(),
  /** The full text, LF line endings. */
  text: z.string(),
  addedAt: TimestampSchema,
});

export const QuoteSchema = z.object({
  id: QuoteIdSchema,
  sourceId: SourceIdSchema,
  /** W3C Web Annotation TextQuoteSelector. */
  exact: z.string().min(1),
  prefix: z.string().max(MAX_AFFIX).default(''),
  suffix: z.string().max(MAX_AFFIX).default(''),
  /** TextPositionSelector: UTF-16 indices into the source text. */
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  credibility: CredibilitySchema.optional(),
  note: z.string().max(MAX_NOTE).optional(),
  createdAt: TimestampSchema,
});

export const ClaimSchema = z.object({
  id: ClaimIdSchema,
  text: z.string().max(MAX_CLAIM_TEXT),
  kind: ClaimKindSchema,
  note: z.string().max(MAX_NOTE).optional(),
  tags: z.array(z.string().max(MAX_TAG)).max(MAX_TAGS).optional(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});

/**
 * A link's target: a claim (its conclusion) or, since version 2, another link
 * (the link is then about that inference: an undercutter or a backing).
 */
export const LinkTargetIdSchema = z
  .string()
  .max(MAX_ID)
  .refine((s) => (s.startsWith(CLAIM_ID_PREFIX) || s.startsWith(LINK_ID_PREFIX)) && s.length > 2, {
    message: 'must be a claim id (c_…) or a link id (l_…)',
  });

export const LinkSchema = z.object({
  id: LinkIdSchema,
  from: NodeIdSchema,
  to: LinkTargetIdSchema,
  relation: RelationSchema,
  weight: WeightSchema.optional(),
  /** Version 2: links sharing a group are the co-premises of one linked argument. */
  group: z.string().min(1).max(MAX_GROUP).optional(),
  /** Version 2: the argumentation scheme of the inference (AIF / Walton names). */
  scheme: z.string().min(1).max(MAX_SCHEME).optional(),
  note: z.string().max(MAX_NOTE).optional(),
  createdAt: TimestampSchema,
});

/** Rule 7: layout coordinates are finite and within ±10,000,000. */
export const MAX_COORDINATE = 10_000_000;
const CoordinateSchema = z.number().min(-MAX_COORDINATE).max(MAX_COORDINATE);
export const PositionSchema = z.object({ x: CoordinateSchema, y: CoordinateSchema });
export const LayoutSchema = z.record(z.string().max(MAX_ID), PositionSchema);

/** Version 3: what a reviewer says of what a comment is on. */
export const VerdictSchema = z.enum(['sound', 'disputed', 'needsEvidence']);

/** What a comment can be on: a claim, quote, link or source of the map, or the map itself. */
export const CommentTargetIdSchema = z
  .string()
  .max(MAX_ID)
  .refine(
    (s) =>
      [MAP_ID_PREFIX, SOURCE_ID_PREFIX, QUOTE_ID_PREFIX, CLAIM_ID_PREFIX, LINK_ID_PREFIX].some((p) => s.startsWith(p) && s.length > p.length),
    { message: 'must be the id of the map, a source, a quote, a claim or a link' },
  );

/**
 * Version 3: one comment of a review thread. A thread is a comment with no
 * `replyTo` and its replies (one level: a reply answers a thread's first
 * comment, never another reply). Nothing else in a map refers to comments.
 */
export const CommentSchema = z.object({
  id: CommentIdSchema,
  on: CommentTargetIdSchema,
  author: z.string().max(MAX_AUTHOR),
  /** Plain text: never rendered as Markdown or HTML. */
  text: z.string().min(1).max(MAX_COMMENT),
  createdAt: TimestampSchema,
  verdict: VerdictSchema.optional(),
  replyTo: CommentIdSchema.optional(),
  /** Set while the thread is resolved (on its first comment). */
  resolvedAt: TimestampSchema.optional(),
  editedAt: TimestampSchema.optional(),
});

export const MAP_FILE_FORMAT = 'warrant.map';
/** The version Warrant writes; it reads this one and every earlier one (`format/migrate.ts`). */
export const MAP_FILE_VERSION = 3;

export const MapFileSchema = z.object({
  format: z.literal(MAP_FILE_FORMAT),
  version: z.literal(MAP_FILE_VERSION),
  exportedAt: TimestampSchema,
  map: MapMetaSchema,
  sources: z.array(SourceSchema),
  quotes: z.array(QuoteSchema),
  claims: z.array(ClaimSchema),
  links: z.array(LinkSchema),
  layout: LayoutSchema.optional(),
  /** Version 3. */
  comments: z.array(CommentSchema).optional(),
});

export type Reliability = z.infer<typeof ReliabilitySchema>;
export type Credibility = z.infer<typeof CredibilitySchema>;
export type Weight = z.infer<typeof WeightSchema>;
export type Relation = z.infer<typeof RelationSchema>;
export type ClaimKind = z.infer<typeof ClaimKindSchema>;
export type MapMeta = z.infer<typeof MapMetaSchema>;
export type Source = z.infer<typeof SourceSchema>;
export type Quote = z.infer<typeof QuoteSchema>;
export type Claim = z.infer<typeof ClaimSchema>;
export type Link = z.infer<typeof LinkSchema>;
export type Verdict = z.infer<typeof VerdictSchema>;
export type Comment = z.infer<typeof CommentSchema>;
export type Position = z.infer<typeof PositionSchema>;
export type Layout = z.infer<typeof LayoutSchema>;
export type MapFile = z.infer<typeof MapFileSchema>;
/** A map file as written, before defaults are filled in. */
export type MapFileInput = z.input<typeof MapFileSchema>;

/** A link with no weight counts as moderate, and a moderate weight is stored absent. */
export const DEFAULT_WEIGHT = 2 satisfies Weight;
/** The weight a link counts with: absent means moderate. */
export const linkWeight = (link: Pick<Link, 'weight'>): Weight => link.weight ?? DEFAULT_WEIGHT;
/** The weight as stored: the default is left out, so files and the database say it one way. */
export const storedWeight = (weight: Weight | null | undefined): Weight | undefined =>
  weight === null || weight === undefined || weight === DEFAULT_WEIGHT ? undefined : weight;

export const isClaimId = (id: string): boolean => id.startsWith(CLAIM_ID_PREFIX);
export const isQuoteId = (id: string): boolean => id.startsWith(QUOTE_ID_PREFIX);
export const isLinkId = (id: string): boolean => id.startsWith(LINK_ID_PREFIX);
export const isCommentId = (id: string): boolean => id.startsWith(COMMENT_ID_PREFIX);
export const isSourceId = (id: string): boolean => id.startsWith(SOURCE_ID_PREFIX);

const WELL_FORMED_ID = /^(?:map|src|q|c|l|cm)_[A-Za-z0-9_-]{1,190}$/;
/**
 * Rule 7: an id is its prefix plus 1–190 letters, digits, `_` or `-`. Such
 * an id is safe in a URL, a CSS selector and a file name; a file whose ids
 * are not is imported with fresh ids.
 */
export const isWellFormedId = (id: string, prefix: string): boolean => id.startsWith(prefix) && WELL_FORMED_ID.test(id);
