/**
 * The React Flow shapes of the graph. `type`, not `interface` (React Flow's
 * TypeScript guide): node data must be assignable to Record<string, unknown>.
 * Data carries only cheap derived values that change rarely; a node reads its
 * own record from the store.
 */
import type { Edge, Node } from '@xyflow/react';
import type { AnchorStatus } from '../../domain/anchoring/anchor';
import type { ClaimStatus } from '../../domain/analysis/balance';
import type { Relation, Weight } from '../../domain/schema';

export type ClaimNodeData = {
  thesis: boolean;
  status: ClaimStatus;
  forWeight: number;
  againstWeight: number;
};
export type QuoteNodeData = { anchor: AnchorStatus };
export type ClaimFlowNode = Node<ClaimNodeData, 'claim'>;
export type QuoteFlowNode = Node<QuoteNodeData, 'quote'>;
export type FlowNode = ClaimFlowNode | QuoteFlowNode;

export type EvidenceEdgeData = { relation: Relation; weight: Weight };
export type EvidenceFlowEdge = Edge<EvidenceEdgeData, 'evidence'>;

/** Size used before a node is measured (layout, fallback placement, centring). */
export const NODE_WIDTH = 220;
export const CLAIM_HEIGHT = 92;
export const QUOTE_HEIGHT = 104;
/** Vertical distance between a node and the evidence placed under it. */
export const ROW_GAP = 170;
export const COL_GAP = 30;

/** Over this many nodes the canvas culls off-screen elements and simplifies far zoom. */
export const LARGE_MAP = 500;
/** Zoom under which a large map draws shapes without text. */
export const FAR_ZOOM = 0.35;
