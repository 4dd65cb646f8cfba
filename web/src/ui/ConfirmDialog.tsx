import { Button, ButtonGroup, Heading2, SecondaryActionButton } from '@utrecht/component-library-react';
import { type ReactNode, useEffect, useId, useRef } from 'react';

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
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  return (
    <dialog
      ref={dialogRef}
      className="passend-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape: the parent decides (and unmounts the dialog), so React's state stays the truth.
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
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
