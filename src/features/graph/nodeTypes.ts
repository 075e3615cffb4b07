/**
 * Node and edge types at module scope: React Flow re-creates every node when
 * these objects change identity (performance guide).
 */
import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { ClaimNode } from './nodes/ClaimNode';
import { QuoteNode } from './nodes/QuoteNode';
import { JunctionNode } from './nodes/JunctionNode';
import { EvidenceEdge } from './edges/EvidenceEdge';

export const nodeTypes = { claim: ClaimNode, quote: QuoteNode, junction: JunctionNode } satisfies NodeTypes;
export const edgeTypes = { evidence: EvidenceEdge } satisfies EdgeTypes;
