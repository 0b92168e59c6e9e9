import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { problem } from '../http/problem';

/** The largest archive a portal takes as an upload (a demo archive is well under 10 MB). */
export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

export interface ReceivedUpload {
  file: string;
  bytes: number;
  remove(): Promise<void>;
}

/** Streams a request body to a private temporary file, refusing it (413) past `maxBytes`. */
export async function receiveUpload(body: NodeJS.ReadableStream | undefined, maxBytes = MAX_UPLOAD_BYTES): Promise<ReceivedUpload> {
  if (body === undefined || body === null) throw problem(400, 'Bad Request', { code: 'archive_missing', detail: 'Send the archive as the request body.' });
  const folder = await mkdtemp(join(tmpdir(), 'portal-restore-'));
  const file = join(folder, 'upload.jsonl.gz');
  const remove = () => rm(folder, { recursive: true, force: true });
  let bytes = 0;
  const bound = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.byteLength;
      if (bytes > maxBytes) done(problem(413, 'Content Too Large', { code: 'archive_too_large', detail: `An archive may hold at most ${maxBytes} bytes.` }));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(body, bound, createWriteStream(file, { mode: 0o600 }));
  } catch (error) {
    await remove();
    if ((error as { statusCode?: number }).statusCode !== undefined) throw error;
    throw problem(400, 'Bad Request', { code: 'upload_incomplete', detail: 'The archive did not arrive whole. Nothing was changed.' });
  }
  if (bytes === 0) {
    await remove();
    throw problem(422, 'Unprocessable Content', { code: 'archive_damaged', detail: 'The archive is empty. Nothing was changed.' });
  }
  return { file, bytes, remove };
}
