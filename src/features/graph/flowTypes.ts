/**
 * The React Flow shapes of the graph. `type`, not `interface` (React Flow's
 * TypeScript guide): node data must be assignable to Record<string, unknown>.
 * Data carries only cheap derived values that change rarely; a node reads its
 * own record from the store.
 */
import type { Edge, Node } from '@xyflow/react';
import type { ClaimStatus } from '../../domain/analysis/balance';
import type { LinkStatus } from '../../domain/analysis/weights';
import type { Relation, Weight } from '../../domain/schema';

export type ClaimNodeData = {
  thesis: boolean;
  status: ClaimStatus;
  forWeight: number;
  againstWeight: number;
  /** Quotes bearing directly on the claim, for and against (the overview's evidence badge). */
  forCount: number;
  againstCount: number;
  /** How wide the overview label may be (flow px): the free room to the right. */
  spread: number;
  /** How tall the overview label may be (flow px): the free room below. */
  drop: number;
};
/** Nothing derived: a quote node reads its record and works out its anchor when drawn. */
export type QuoteNodeData = Record<string, never>;
export type ClaimFlowNode = Node<ClaimNodeData, 'claim'>;
export type QuoteFlowNode = Node<QuoteNodeData, 'quote'>;
/** A linked argument's junction (format version 2 `group`): where its co-premises join. */
export type JunctionNodeData = {
  /** Its scheme, or `linked`. */
  name: string;
  relation: Relation;
  /** The first of its links: selecting the junction selects that link. */
  link: string;
};
export type JunctionFlowNode = Node<JunctionNodeData, 'junction'>;
export type FlowNode = ClaimFlowNode | QuoteFlowNode | JunctionFlowNode;

export type EvidenceEdgeData = {
  relation: Relation;
  weight: Weight;
  /** What analysis leaves of it (weights.ts): an undercut link is drawn faded, a weakened one thin. */
  status?: LinkStatus;
  /** A co-premise's line into its junction (no line end), or the junction's arrow to the conclusion. */
  part?: 'premise' | 'conclusion';
  /** The link the edge stands for when its id is not a link's (a junction's arrow). */
  link?: string;
  /** An undercutter or backing: the ends of the edge it is aimed at, whose middle it meets. */
  on?: { from: string; to: string };
};
export type EvidenceFlowEdge = Edge<EvidenceEdgeData, 'evidence'>;

/** Size used before a node is measured (layout, fallback placement, centring): the domain's placement sizes. */
export { CLAIM_HEIGHT, NODE_WIDTH, QUOTE_HEIGHT } from '../../domain/placement';
export const JUNCTION_WIDTH = 200;
export const JUNCTION_HEIGHT = 28;
/** Vertical distance between a node and the evidence placed under it. */
export const ROW_GAP = 170;
export const COL_GAP = 30;

/** Over this many nodes the canvas culls off-screen elements. */
export const LARGE_MAP = 500;
/**
 * Zoom under which the graph switches to its overview (semantic zoom): node
 * text of 13 px would be under 9 px on screen, so claims show their text in
 * large type and quotes fold into one evidence badge a claim.
 */
export const OVERVIEW_ZOOM = 0.7;
/**
 * Zoom under which the overview's label no longer reads inside its node's box
 * (at 9.6 px on screen three lines of 14 letters are all a 220 × 92 px node
 * holds): claims are drawn as status-coloured boxes with their lines. `Fit
 * all` never goes below it on a map of fewer than LEGIBLE_FIT_CLAIMS claims.
 */
export const LABEL_ZOOM = 0.4;
/** Under this many claims `Fit all` keeps the labels legible (LABEL_ZOOM) rather than fitting smaller. */
export const LEGIBLE_FIT_CLAIMS = 50;
/** Overview text size on screen (px); its evidence badge is 0.95 of it, so at least 9 px. */
export const OVERVIEW_SCREEN_FONT = 9.6;
/** The overview label's text size in flow px at `zoom`: the same size on screen at every zoom of the label band. */
export const overviewFont = (zoom: number): number => OVERVIEW_SCREEN_FONT / Math.max(zoom, LABEL_ZOOM);
/**
 * How many lines of claim text the overview label shows inside a node of
 * height `h` (flow px) at `zoom`: what is left inside its borders and padding
 * (graph.css .gn-overview; the badge sits on the top border), so no line is
 * cut in half.
 */
export function overviewLines(zoom: number, h: number, thesis: boolean): number {
  const f = overviewFont(zoom);
  const border = thesis ? Math.max(4, 0.14 * f) : Math.max(2, 0.06 * f);
  return Math.max(1, Math.floor((h - 2 * border - 0.35 * f) / (1.15 * f)));
}
/** Zoom under which even the overview's text would be too small to read: shapes only. */
export const FAR_ZOOM = 0.06;
/**
 * Over this many claims the far view is drawn on one canvas instead of node
 * elements (FarView). The far view keeps claims and their links in the DOM
 * (quotes are folded): a few hundred pan smoothly, 300 and more do not
 * (1,000-node bench map: 300 claims, 36 fps against 60 on the canvas).
 */
export const FAR_CANVAS_CLAIMS = 250;
/** A readable zoom: 13 px node text is at least 11 px on screen. */
export const READABLE_ZOOM = 0.9;

/**
 * A node's size for drawing its lines: measured once drawn, else the size it
 * was given (a node culled out of view has never been measured, and a line to
 * it would otherwise end at its top-left corner).
 */
export const sizeOf = (n: {
  measured: { width?: number | undefined; height?: number | undefined };
  initialWidth?: number | undefined;
  initialHeight?: number | undefined;
}) => ({ w: n.measured.width ?? n.initialWidth ?? 0, h: n.measured.height ?? n.initialHeight ?? 0 });

/** Is this flow node a junction (the joint of a linked argument, or the point a link aimed at a link meets)? */
export const isJunctionNodeId = (id: string): boolean => id.startsWith('j:') || id.startsWith('jx:');
