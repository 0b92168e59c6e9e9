import { useState, type ReactNode } from 'react';
import { ConflictDialog, type ConflictDialogLabels } from '../components/ConflictDialog';
import { preconditionConflict } from './errors';

export interface ConflictOffer {
  /** The administrator's version, shaped for comparison. */
  mine: unknown;
  /** Shapes the portal's current version (412 details.current) the same way. */
  theirs(current: unknown): unknown;
  /** Saves the administrator's version over the current one (If-Match: the current ETag). */
  keepMine(currentEtag: string): void;
  /** Whether the current version can take the administrator's change at all; without it, only "take theirs". */
  canKeepMine?(current: unknown): boolean;
  /** Drops the administrator's change and shows the current version. */
  takeTheirs(current: unknown, currentEtag: string): void;
  /** Called once the dialog shows, e.g. to clear the failed mutation's error (the dialog explains it). */
  onShown?(): void;
}

interface Pending {
  mine: unknown;
  theirs: unknown;
  keepMine: (() => void) | undefined;
  takeTheirs(): void;
}

/**
 * For HTTP 412 on any change: shows both versions and lets the administrator choose.
 * `offer` returns false for other errors, which the caller then shows itself.
 */
export function useConflict(
  options: { busy?: boolean; labels?: ConflictDialogLabels } = {},
): { offer(error: unknown, offer: ConflictOffer): boolean; dialog: ReactNode } {
  const [pending, setPending] = useState<Pending | null>(null);

  const offer = (error: unknown, conflictOffer: ConflictOffer): boolean => {
    const conflict = preconditionConflict(error);
    if (conflict === null || conflict.currentEtag === null) return false;
    const { current, currentEtag } = conflict;
    setPending({
      mine: conflictOffer.mine,
      theirs: conflictOffer.theirs(current),
      keepMine: conflictOffer.canKeepMine?.(current) === false ? undefined : () => conflictOffer.keepMine(currentEtag),
      takeTheirs: () => conflictOffer.takeTheirs(current, currentEtag),
    });
    conflictOffer.onShown?.();
    return true;
  };

  const keepMine = pending?.keepMine;
  const dialog = pending ? (
    <ConflictDialog
      mine={pending.mine}
      theirs={pending.theirs}
      busy={options.busy ?? false}
      labels={options.labels}
      onCancel={() => setPending(null)}
      onKeepMine={
        keepMine &&
        (() => {
          keepMine();
          setPending(null);
        })
      }
      onTakeTheirs={() => {
        pending.takeTheirs();
        setPending(null);
      }}
    />
  ) : null;

  return { offer, dialog };
}
