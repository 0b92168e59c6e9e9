import { describe, expect, it } from 'vitest';
import type { StagedAttachment } from '../../../../common/contract/support';
import { blockingIssues, chosenSeverity, emptyTicketForm, formIssues, severityAnswersOf, toDraft, withUnredactedConfirmed, type TicketForm } from './form-model';

const complete: TicketForm = {
  ...emptyTicketForm('prod', 'Anna Admin'),
  impact: 'down',
  subject: 'CRM: Angebote lassen sich nicht speichern',
  affected: 'application',
  applicationId: '0190a5c4-0000-7000-8000-000000000001',
  applicationName: 'CRM',
  steps: '1. CRM öffnen, Firma "Beispiel AG"\n2. "Angebot anlegen" und speichern',
  expected: 'Das Angebot steht in der Liste.',
  actual: 'Meldung "HTTP 500", das Angebot fehlt danach in der Liste.',
  contactEmail: 'anna@muster-gmbh.de',
  contactAvailability: 'Mo-Fr 8-18 Uhr',
};

function staged(id: string, binary: boolean): StagedAttachment {
  return {
    id,
    name: binary ? `${id}.zip` : `${id}.log`,
    kind: 'file',
    contentType: binary ? 'application/zip' : 'text/plain; charset=utf-8',
    size: 3,
    redaction: { applied: !binary, count: 0, kinds: {} },
    preview: binary ? '' : 'abc',
    previewTruncated: false,
    binary,
    entries: null,
    sourceEncoding: binary ? null : 'utf-8',
  };
}

describe('severityAnswersOf', () => {
  it.each<[string, Partial<TicketForm>, ReturnType<typeof severityAnswersOf>]>([
    ['whole portal down', { affected: 'portal' }, { system: 'production', scope: 'whole-portal', impact: 'down', concurrentFaults: 1 }],
    ['a primary application', { affected: 'application' }, { system: 'production', scope: 'primary-application', impact: 'down', concurrentFaults: 1 }],
    ['a secondary process', { affected: 'process', primary: false }, { system: 'production', scope: 'secondary-function', impact: 'down', concurrentFaults: 1 }],
    ['a question', { impact: 'question', system: 'test' }, { system: 'test', scope: 'question', impact: 'none', concurrentFaults: 1 }],
    ['fractional fault counts', { concurrentFaults: 3.7 }, { system: 'production', scope: 'whole-portal', impact: 'down', concurrentFaults: 3 }],
  ])('%s', (_name, form, expected) => {
    expect(severityAnswersOf({ ...complete, affected: 'portal', ...form })).toEqual(expected);
  });
});

describe('toDraft', () => {
  it('takes the proposal unless the administrator chose another severity, and sends the reason only then', () => {
    expect(toDraft({ ...complete, severityReason: 'leftover text' })).toMatchObject({ severity: 'critical', severityReason: null });
    expect(toDraft({ ...complete, severityChoice: 'major', severityReason: ' Umgehung vorhanden ' })).toMatchObject({
      severity: 'major',
      severityReason: 'Umgehung vorhanden',
    });
  });

  it('names the picked application as area and lists the staged attachments', () => {
    const attachment = staged('a1', false);
    expect(toDraft({ ...complete, attachments: [attachment] })).toMatchObject({
      area: { kind: 'application', applicationId: complete.applicationId, name: 'CRM' },
      attachmentIds: ['a1'],
      contact: { name: 'Anna Admin', email: 'anna@muster-gmbh.de', phone: '' },
    });
  });
});

describe('formIssues', () => {
  it('finds nothing in a complete form', () => {
    expect(formIssues(complete)).toEqual([]);
  });

  it.each<[string, Partial<TicketForm>, string[]]>([
    ['a missing subject', { subject: 'CRM' }, ['form.issues.subject']],
    ['an application without name', { applicationName: ' ' }, ['form.issues.application']],
    ['no way to reach the contact', { contactEmail: '' }, ['form.issues.contactReachable']],
    ['a malformed e-mail', { contactEmail: 'anna@' }, ['form.issues.contactEmail']],
    ['critical on the test system', { system: 'test', severityChoice: 'critical', severityReason: 'Abnahme morgen um acht' }, ['tickets.rules.critical_requires_production']],
    ['the untouched step template', { steps: '1. \n2. \n3. ' }, ['tickets.report.issue.steps_too_short', 'tickets.report.issue.steps_not_numbered']],
  ])('reports %s', (_name, change, keys) => {
    expect(formIssues({ ...complete, ...change }).map((issue) => issue.key)).toEqual(keys);
  });

  // Service description 6.2: "Der Kunde meldet Störungen unverzüglich nach ihrem Auftreten über das Intrex Support Center".
  it('marks the report findings as advice: a clear critical report without numbered steps can be sent', () => {
    const nginx: TicketForm = {
      ...complete,
      affected: 'portal',
      impact: 'down',
      steps: 'nginx answers 502 since 10:14 for every page of the portal, the login page included.',
      actual: 'nginx answers 502 Bad Gateway since 10:14 on every URL.',
    };
    expect(chosenSeverity(nginx)).toBe('critical');
    const issues = formIssues(nginx);
    expect(issues.map((issue) => [issue.key, issue.advisory])).toEqual([['tickets.report.issue.steps_not_numbered', true]]);
    expect(blockingIssues(issues)).toEqual([]);
  });

  it('keeps field and severity findings blocking', () => {
    const issues = formIssues({ ...complete, subject: 'CRM', steps: '' });
    expect(blockingIssues(issues).map((issue) => issue.key)).toEqual(['form.issues.subject']);
  });
});

describe('binary attachments', () => {
  const form: TicketForm = { ...complete, attachments: [staged('log', false), staged('dump', true), staged('shot', true)] };

  it('cannot be sent before each one is confirmed to go without redaction', () => {
    expect(formIssues(form).map((issue) => issue.key)).toEqual(['form.issues.binaryUnconfirmed']);
    const one = { ...form, ...withUnredactedConfirmed(form, 'dump', true) };
    expect(formIssues(one).map((issue) => issue.key)).toEqual(['form.issues.binaryUnconfirmed']);
    const both = { ...one, ...withUnredactedConfirmed(one, 'shot', true) };
    expect(formIssues(both)).toEqual([]);
    expect(toDraft(both)).toMatchObject({ attachmentIds: ['log', 'dump', 'shot'], unredactedAttachmentIds: ['dump', 'shot'] });
  });

  it('takes a confirmation back when it is unticked, and never lists a text attachment as unredacted', () => {
    const confirmed = { ...form, unredactedConfirmed: ['dump', 'shot', 'log'] };
    expect(toDraft(confirmed).unredactedAttachmentIds).toEqual(['dump', 'shot']);
    const withdrawn = { ...confirmed, ...withUnredactedConfirmed(confirmed, 'shot', false) };
    expect(withdrawn.unredactedConfirmed).toEqual(['dump', 'log']);
    expect(formIssues(withdrawn).map((issue) => issue.key)).toEqual(['form.issues.binaryUnconfirmed']);
  });
});

describe('the attachment limit', () => {
  it('points out more than 20 attachments instead of leaving it to the send', () => {
    const twenty = Array.from({ length: 20 }, (_, index) => staged(`f${index}`, false));
    expect(formIssues({ ...complete, attachments: twenty })).toEqual([]);
    expect(formIssues({ ...complete, attachments: [...twenty, staged('f20', false)] }).map((issue) => issue.key)).toEqual(['form.issues.tooManyAttachments']);
  });
});
