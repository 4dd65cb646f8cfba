import { Button, ButtonGroup, Heading2, SecondaryActionButton } from '@utrecht/component-library-react';
import { type ReactNode, type RefObject, type SyntheticEvent, useEffect, useId, useRef } from 'react';

type ConfirmDialogProps = {
  title: string;
  confirmLabel: string;
  cancelLabel: string;
  /** The confirm button in the danger colour, for what ends or removes something. */
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
};

/**
 * A modal question before a weighty action (the browser's own `<dialog>`: focus stays inside, Escape
 * cancels, the page behind is inert). The caller puts focus back where the dialog was opened.
 */
/**
 * The browser's own modal `<dialog>`, opened on mount: focus stays inside, Escape asks the parent to
 * cancel (which unmounts the dialog), so React's state stays the truth.
 */
export function useModalDialog(
  onCancel: () => void,
  busy: boolean,
): {
  ref: RefObject<HTMLDialogElement | null>;
  onCancel: (event: SyntheticEvent<HTMLDialogElement>) => void;
} {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return {
    ref,
    onCancel: (event) => {
      event.preventDefault();
      if (!busy) onCancel();
    },
  };
}

export function ConfirmDialog({
  title,
  confirmLabel,
  cancelLabel,
  danger = false,
  busy = false,
  onConfirm,
  onCancel,
  children,
}: ConfirmDialogProps) {
  const dialog = useModalDialog(onCancel, busy);
  const titleId = useId();

  return (
    <dialog ref={dialog.ref} className="passend-dialog" aria-labelledby={titleId} onCancel={dialog.onCancel}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) onConfirm();
        }}
      >
        <Heading2 id={titleId}>{title}</Heading2>
        {children}
        <ButtonGroup>
          <Button
            type="submit"
            appearance="primary-action-button"
            hint={danger ? 'danger' : undefined}
            busy={busy}
            aria-disabled={busy || undefined}
          >
            {confirmLabel}
          </Button>
          <SecondaryActionButton type="button" onClick={onCancel} disabled={busy}>
            {cancelLabel}
          </SecondaryActionButton>
        </ButtonGroup>
      </form>
    </dialog>
  );
}
