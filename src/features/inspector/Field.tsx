import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { READ_ONLY_TITLE, useReadOnly } from '../../store/useMapStore';

/**
 * One editable field of the Details panel. On a map opened by a review link it
 * is disabled (a fieldset disables every control inside), while the panel's
 * navigation — evidence items, Claim view, Show in source — keeps working.
 */
export function Field({ children, className = 'field' }: { children: ReactNode; className?: string }) {
  const readOnly = useReadOnly();
  return (
    <fieldset className={className} disabled={readOnly} title={readOnly ? READ_ONLY_TITLE : undefined}>
      {children}
    </fieldset>
  );
}

/** A button that changes the map (Delete, Save): unavailable on a read-only map, saying why. */
export function EditButton(props: ButtonHTMLAttributes<HTMLButtonElement>) {
  const readOnly = useReadOnly();
  return <button {...props} disabled={readOnly || props.disabled} title={readOnly ? READ_ONLY_TITLE : props.title} />;
}
