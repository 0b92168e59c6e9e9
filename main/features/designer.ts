import { join } from 'node:path';
import type { ConsoleHandlers } from '../../common/contract';
import type { DraftRef } from '../../common/contract/designer';
import { ConsoleError } from '../../common/errors';
import {
  ApplicationDefinitionDoc,
  ApplicationPage,
  ApplicationRecord,
  ApplicationSummary,
  DefinitionVersionDoc,
  DefinitionVersionPage,
  DeletedRecords,
  Layout,
  LayoutPage,
  PublishedDefinitionDoc,
  RecordPage,
} from '../../common/portal-api/designer';
import type { BackendContext } from '../context';
import { DraftStore } from '../services/drafts';

type DesignerChannels =
  | 'applications:list'
  | 'applications:create'
  | 'applications:definition'
  | 'applications:publish'
  | 'applications:versions'
  | 'applications:version'
  | 'applications:rollback'
  | 'applications:records'
  | 'applications:record'
  | 'applications:createRecord'
  | 'applications:updateRecord'
  | 'applications:deleteRecord'
  | 'layouts:list'
  | 'layouts:create'
  | 'layouts:get'
  | 'layouts:save'
  | 'drafts:list'
  | 'drafts:get'
  | 'drafts:save'
  | 'drafts:discard';

const definitionPath = (applicationId: string) => `/applications/${encodeURIComponent(applicationId)}/definition`;
const recordsPath = (applicationId: string, dataGroupId: string) =>
  `/applications/${encodeURIComponent(applicationId)}/data-groups/${encodeURIComponent(dataGroupId)}/records`;
const recordPath = (applicationId: string, recordId: string) => `/applications/${encodeURIComponent(applicationId)}/records/${encodeURIComponent(recordId)}`;
const layoutPath = (layoutId: string) => `/layouts/${encodeURIComponent(layoutId)}`;

function requireEtag(etag: string | null, what: string): string {
  if (etag === null) throw new ConsoleError('MALFORMED_RESPONSE', `The portal sent no ETag for ${what}`, { what });
  return etag;
}

/** The application designer and layouts on the portal, and their drafts on this machine. */
export function designerHandlers(ctx: BackendContext): Pick<ConsoleHandlers, DesignerChannels> {
  const client = () => ctx.session.client();
  const profileId = () => ctx.session.require().profile.id;
  const drafts = new DraftStore(join(ctx.userDataDir, 'drafts'), ctx.log);

  /** The portal has the work now; a draft that cannot be removed is only stale, never a failed publish. */
  const dropDraft = async (ref: DraftRef) => {
    try {
      await drafts.discard(profileId(), ref);
    } catch (error) {
      ctx.log.warn('published, but the draft could not be removed', { ...ref, message: error instanceof Error ? error.message : String(error) });
    }
  };

  return {
    'applications:list': async (query) => (await client().get('/applications', ApplicationPage, { query })).data,
    'applications:create': async (body) => {
      const response = await client().post('/applications', ApplicationSummary, { body });
      ctx.log.info('application created', { id: response.data.id, name: response.data.name });
      return response.data;
    },
    'applications:definition': async ({ applicationId }) => {
      const response = await client().get(definitionPath(applicationId), ApplicationDefinitionDoc);
      return { etag: requireEtag(response.etag, 'the definition'), value: response.data };
    },
    'applications:publish': async ({ applicationId, definition, comment, ifMatch, confirmDataLoss }) => {
      const response = await client().put(definitionPath(applicationId), PublishedDefinitionDoc, { body: { definition, comment, confirmDataLoss }, ifMatch });
      await dropDraft({ kind: 'application', id: applicationId });
      ctx.log.info('application definition published', { id: applicationId, version: response.data.version });
      return { etag: requireEtag(response.etag, 'the definition'), value: response.data };
    },
    'applications:versions': async ({ applicationId, ...query }) =>
      (await client().get(`${definitionPath(applicationId)}/versions`, DefinitionVersionPage, { query })).data,
    'applications:version': async ({ applicationId, version }) =>
      (await client().get(`${definitionPath(applicationId)}/versions/${version}`, DefinitionVersionDoc)).data,
    'applications:rollback': async ({ applicationId, ifMatch, ...body }) => {
      const response = await client().post(`${definitionPath(applicationId)}/rollback`, PublishedDefinitionDoc, { body, ifMatch });
      ctx.log.info('application definition rolled back', { id: applicationId, to: body.version, version: response.data.version });
      return { etag: requireEtag(response.etag, 'the definition'), value: response.data };
    },
    'applications:records': async ({ applicationId, dataGroupId, ...query }) =>
      (await client().get(recordsPath(applicationId, dataGroupId), RecordPage, { query })).data,
    'applications:record': async ({ applicationId, recordId }) => {
      const response = await client().get(recordPath(applicationId, recordId), ApplicationRecord);
      return { etag: requireEtag(response.etag, 'the record'), value: response.data };
    },
    'applications:createRecord': async ({ applicationId, dataGroupId, ...body }) => {
      const response = await client().post(recordsPath(applicationId, dataGroupId), ApplicationRecord, { body });
      return { etag: requireEtag(response.etag, 'the record'), value: response.data };
    },
    'applications:updateRecord': async ({ applicationId, recordId, values, ifMatch }) => {
      const response = await client().put(recordPath(applicationId, recordId), ApplicationRecord, { body: { values }, ifMatch });
      return { etag: requireEtag(response.etag, 'the record'), value: response.data };
    },
    'applications:deleteRecord': async ({ applicationId, recordId, ifMatch }) =>
      (await client().delete(recordPath(applicationId, recordId), DeletedRecords, { ifMatch })).data,
    'layouts:list': async (query) => (await client().get('/layouts', LayoutPage, { query })).data,
    'layouts:create': async (body) => {
      const response = await client().post('/layouts', Layout, { body });
      return { etag: requireEtag(response.etag, 'the layout'), value: response.data };
    },
    'layouts:get': async ({ layoutId }) => {
      const response = await client().get(layoutPath(layoutId), Layout);
      return { etag: requireEtag(response.etag, 'the layout'), value: response.data };
    },
    'layouts:save': async ({ layoutId, layout, ifMatch }) => {
      const response = await client().put(layoutPath(layoutId), Layout, { body: layout, ifMatch });
      await dropDraft({ kind: 'layout', id: layoutId });
      ctx.log.info('layout saved', { id: layoutId });
      return { etag: requireEtag(response.etag, 'the layout'), value: response.data };
    },
    'drafts:list': async ({ kind }) => drafts.list(profileId(), kind),
    'drafts:get': async (ref) => drafts.get(profileId(), ref),
    'drafts:save': async (request) => drafts.save(profileId(), request),
    'drafts:discard': async (ref) => {
      await drafts.discard(profileId(), ref);
      return { ok: true as const };
    },
  };
}
