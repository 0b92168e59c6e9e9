import type { StagedAttachment } from '../../../../common/contract/support';
import { AttachmentsCard } from './AttachmentsCard';
import { ClassificationCard } from './ClassificationCard';
import { ContactCard } from './ContactCard';
import type { TicketDraftStore } from './draft-store';
import { withUnredactedConfirmed, type FormIssue, type TicketForm } from './form-model';
import { ReportCard } from './ReportCard';

export interface TicketFormCardsProps {
  form: TicketForm;
  attempted: boolean;
  issues: FormIssue[];
  store: TicketDraftStore;
  /** Written without sign-in for this profile: nothing is fetched from its portal. */
  offlineProfileId?: string;
}

/** The guided ticket form: classification, description, contact, attachments. */
export function TicketFormCards({ form, attempted, issues, store, offlineProfileId }: TicketFormCardsProps) {
  const update = store((state) => state.update);
  // Several files arrive one after another: always extend the list as it is in the store now.
  const current = () => store.getState().form?.attachments ?? [];
  const addAttachment = (attachment: StagedAttachment) => update({ attachments: [...current(), attachment] });
  const removeAttachment = (attachment: StagedAttachment) => update({ attachments: current().filter((item) => item.id !== attachment.id) });
  const offline = offlineProfileId !== undefined;
  return (
    <>
      <ClassificationCard form={form} update={update} issues={issues} showAll={attempted} offline={offline} />
      <ReportCard form={form} update={update} issues={issues} showAll={attempted} />
      <ContactCard form={form} update={update} issues={issues} showAll={attempted} />
      <AttachmentsCard
        attachments={form.attachments}
        onAdd={addAttachment}
        onRemove={removeAttachment}
        unredactedConfirmed={form.unredactedConfirmed}
        onConfirmUnredacted={(attachment, confirmed) => update(withUnredactedConfirmed(form, attachment.id, confirmed))}
        issues={issues}
        showAll={attempted}
        {...(offlineProfileId !== undefined && { offlineProfileId })}
      />
    </>
  );
}
