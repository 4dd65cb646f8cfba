import { useId } from 'react';

/**
 * The ids that tie a field to its description and error message (`aria-describedby`), the same for
 * every field of the kit, so a screen reader reads each input with its hint and its problem.
 */
export function useFieldIds(name: string, description: unknown, error: unknown) {
  const id = `${useId()}-${name}`;
  const descriptionId = `${id}-description`;
  const errorId = `${id}-error`;
  const describedBy = [description ? descriptionId : null, error ? errorId : null].filter(Boolean).join(' ');
  return { id, descriptionId, errorId, describedBy };
}
