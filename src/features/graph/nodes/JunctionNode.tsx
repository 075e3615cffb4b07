import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { JunctionFlowNode } from '../flowTypes';

/**
 * A linked argument's junction (Rationale style): its co-premises' lines meet
 * here and one arrow goes on to the conclusion. Shows the scheme when it has one.
 */
function JunctionNodeComponent({ data }: NodeProps<JunctionFlowNode>) {
  return (
    <div className={`gn-junction-node is-${data.relation}`} title={data.name}>
      <Handle type="target" position={Position.Top} className="gn-graph-handle gn-junction-handle" isConnectable={false} />
      <span className="gn-junction-text">{data.name}</span>
      <Handle type="source" position={Position.Bottom} className="gn-graph-handle gn-junction-handle" isConnectable={false} />
    </div>
  );
}

export const JunctionNode = memo(JunctionNodeComponent);
