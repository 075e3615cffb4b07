import { useId } from 'react';
import { Field } from './Field';
import type { Change, MapDoc } from '../../domain/change';
import { applyEdit } from './edit';
import { MAX_NOTE } from '../../domain/schema';

type Props = {
  /** The note as stored (absent = empty). */
  value: string | undefined;
  /** What the note belongs to, for the undo label and typing coalescing: `claim`, `quote`, `link`. */
  kind: string;
  id: string;
  /** The Change that sets the note, or null when the record is gone. */
  build: (doc: MapDoc, note: string) => Change | null;
};

/** The `Note` textbox of a claim, quote or link: each keystroke is saved, typing is one undo step. */
export function NoteField({ value, kind, id, build }: Props) {
  const fieldId = useId();
  return (
    <Field>
      <label htmlFor={fieldId}>Note</label>
      <textarea
        id={fieldId}
        rows={3}
        maxLength={MAX_NOTE}
        value={value ?? ''}
        onChange={(e) => {
          const note = e.target.value;
          applyEdit((doc) => build(doc, note), { label: `Edit ${kind} note`, coalesceKey: `${kind}-note:${id}` });
        }}
      />
    </Field>
  );
}
