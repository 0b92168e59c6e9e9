import type { StagedAttachment, TicketDraft } from '../../../../common/contract/support';
import { proposeSeverity, type SeverityAnswers, type SeverityProposal } from '../../../../common/domain/severity';
import type { Severity } from '../../../../common/domain/sla';
import { reportAdvice, ticketIssues, type TicketRuleIssue } from '../../../../common/domain/ticket-rules';
import type { Environment } from '../../../../common/portal-api/common';
import { TICKET_ATTACHMENTS_MAX_BYTES, TICKET_MAX_ATTACHMENTS, type TicketArea } from '../../../../common/portal-api/support';

/** What the guided form asks; the ticket's severity answers and area are derived from it. */
export interface TicketForm {
  system: SeverityAnswers['system'];
  affected: 'portal' | 'application' | 'process';
  applicationId: string | null;
  applicationName: string;
  processName: string;
  /** For an application or process: is it one the business depends on? */
  primary: boolean;
  /** null until the administrator answers: no severity is preselected (issue 11). */
  impact: SeverityAnswers['impact'] | 'question' | null;
  /** Faults occurring at the same time, this one included. */
  concurrentFaults: number;
  /** null: take the proposed severity. */
  severityChoice: Severity | null;
  severityReason: string;
  subject: string;
  steps: string;
  expected: string;
  actual: string;
  details: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  contactAvailability: string;
  attachments: StagedAttachment[];
  /** Ids of binary attachments the administrator confirmed to send without redaction. */
  unredactedConfirmed: string[];
}

const systemOfEnvironment: Record<Environment, SeverityAnswers['system']> = { prod: 'production', test: 'test', dev: 'dev' };

/** `contactEmail`: the signed-in administrator's address, where the portal has one. */
export function emptyTicketForm(environment: Environment, contactName: string, contactEmail = ''): TicketForm {
  return {
    system: systemOfEnvironment[environment],
    affected: 'portal',
    applicationId: null,
    applicationName: '',
    processName: '',
    primary: true,
    impact: null,
    concurrentFaults: 1,
    severityChoice: null,
    severityReason: '',
    subject: '',
    steps: '1. \n2. \n3. ',
    expected: '',
    actual: '',
    details: '',
    contactName,
    contactEmail,
    contactPhone: '',
    contactAvailability: '',
    attachments: [],
    unredactedConfirmed: [],
  };
}

function scopeOf(form: TicketForm): SeverityAnswers['scope'] {
  if (form.impact === 'question') return 'question';
  // Unanswered: nothing is sent before the impact is chosen (a blocking issue); this only keeps the type total.
  if (form.affected === 'portal') return 'whole-portal';
  if (!form.primary) return 'secondary-function';
  return form.affected === 'application' ? 'primary-application' : 'primary-process';
}

export function severityAnswersOf(form: TicketForm): SeverityAnswers {
  return {
    system: form.system,
    scope: scopeOf(form),
    impact: form.impact === 'question' || form.impact === null ? 'none' : form.impact,
    concurrentFaults: Math.max(0, Math.trunc(form.concurrentFaults)),
  };
}

export function areaOf(form: TicketForm): TicketArea {
  if (form.affected === 'application') return { kind: 'application', applicationId: form.applicationId, name: form.applicationName.trim() };
  if (form.affected === 'process') return { kind: 'process', name: form.processName.trim() };
  return { kind: 'portal' };
}

export function proposalOf(form: TicketForm): SeverityProposal {
  return proposeSeverity(severityAnswersOf(form));
}

export function chosenSeverity(form: TicketForm): Severity {
  return form.severityChoice ?? proposalOf(form).severity;
}

/** A reason only travels when the administrator deviates from the proposal. */
function severityReasonOf(form: TicketForm): string | null {
  return chosenSeverity(form) === proposalOf(form).severity || form.severityReason.trim() === '' ? null : form.severityReason.trim();
}

export function toDraft(form: TicketForm): TicketDraft {
  return {
    subject: form.subject.trim(),
    answers: severityAnswersOf(form),
    area: areaOf(form),
    severity: chosenSeverity(form),
    severityReason: severityReasonOf(form),
    report: { steps: form.steps, expected: form.expected, actual: form.actual, details: form.details },
    contact: {
      name: form.contactName.trim(),
      email: form.contactEmail.trim(),
      phone: form.contactPhone.trim(),
      availability: form.contactAvailability.trim(),
    },
    attachmentIds: form.attachments.map((attachment) => attachment.id),
    unredactedAttachmentIds: form.attachments.filter((attachment) => isConfirmedBinary(form, attachment)).map((attachment) => attachment.id),
  };
}

function isConfirmedBinary(form: TicketForm, attachment: StagedAttachment): boolean {
  return attachment.binary && form.unredactedConfirmed.includes(attachment.id);
}

/** Binary attachments cannot be checked for secrets: each needs its own confirmation before the ticket goes. */
export function unconfirmedBinaries(form: TicketForm): StagedAttachment[] {
  return form.attachments.filter((attachment) => attachment.binary && !form.unredactedConfirmed.includes(attachment.id));
}

/** The form after the administrator ticked (or unticked) "send without redaction" for one attachment. */
export function withUnredactedConfirmed(form: TicketForm, id: string, confirmed: boolean): Pick<TicketForm, 'unredactedConfirmed'> {
  const others = form.unredactedConfirmed.filter((item) => item !== id);
  return { unredactedConfirmed: confirmed ? [...others, id] : others };
}

/** A form problem: `key` is an i18n key of the support namespace. */
export interface FormIssue {
  path: string;
  key: string;
  /** Advice (how specific the report is): shown, never in the way of sending. */
  advisory?: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function fieldIssues(form: TicketForm): FormIssue[] {
  const issues: FormIssue[] = [];
  if (form.impact === null) issues.push({ path: 'impact', key: 'form.issues.impact' });
  if (form.subject.trim().length < 5) issues.push({ path: 'subject', key: 'form.issues.subject' });
  if (form.affected === 'application' && form.applicationName.trim() === '') issues.push({ path: 'area', key: 'form.issues.application' });
  if (form.affected === 'process' && form.processName.trim() === '') issues.push({ path: 'area', key: 'form.issues.process' });
  if (form.contactName.trim() === '') issues.push({ path: 'contact.name', key: 'form.issues.contactName' });
  if (form.contactEmail.trim() !== '' && !EMAIL.test(form.contactEmail.trim())) issues.push({ path: 'contact.email', key: 'form.issues.contactEmail' });
  if (form.contactEmail.trim() === '' && form.contactPhone.trim() === '') issues.push({ path: 'contact.email', key: 'form.issues.contactReachable' });
  if (form.contactAvailability.trim().length < 3) issues.push({ path: 'contact.availability', key: 'form.issues.contactAvailability' });
  const bytes = form.attachments.reduce((sum, attachment) => sum + attachment.size, 0);
  if (bytes > TICKET_ATTACHMENTS_MAX_BYTES) issues.push({ path: 'attachments', key: 'form.issues.attachmentsTooLarge' });
  if (form.attachments.length > TICKET_MAX_ATTACHMENTS) issues.push({ path: 'attachments', key: 'form.issues.tooManyAttachments' });
  if (unconfirmedBinaries(form).length > 0) issues.push({ path: 'attachments', key: 'form.issues.binaryUnconfirmed' });
  return issues;
}

/**
 * Every finding, in form order: the form's own fields, the shared ticket rules (severity, area) and the report
 * advice (marked `advisory`; the portal files a ticket whatever the advice says).
 */
export function formIssues(form: TicketForm): FormIssue[] {
  const draft = toDraft(form);
  const toIssue = (issue: TicketRuleIssue): FormIssue => ({ path: issue.path, key: issue.key });
  const rules = ticketIssues({ answers: draft.answers, areaKind: draft.area.kind, severity: draft.severity, severityReason: draft.severityReason }).map(toIssue);
  const advice = reportAdvice({ answers: draft.answers, report: draft.report }).map((issue) => ({ ...toIssue(issue), advisory: true }));
  return [...fieldIssues(form), ...rules, ...advice];
}

/** The findings that keep the ticket from being sent (everything but advice). */
export function blockingIssues(issues: FormIssue[]): FormIssue[] {
  return issues.filter((issue) => issue.advisory !== true);
}

export function issuesAt(issues: FormIssue[], path: string): FormIssue[] {
  return issues.filter((issue) => issue.path === path);
}
