import { Readable } from 'node:stream';
import type { FileDownload } from '../../common/contract/file-download';
import { consoleTransfers, type TransferAnswer } from '../services/transfers';

/** What the browser host would send for a one-time download address, read whole (tests only). */
export async function readDownload(download: FileDownload): Promise<{ answer: TransferAnswer; bytes: Buffer }> {
  if (download.kind !== 'url') throw new Error(`expected a download address, got ${download.kind}`);
  const transfer = consoleTransfers.take(download.url.slice('/transfers/'.length), 'GET');
  if (transfer === null) throw new Error('the download address is unknown or spent');
  const answer = await transfer.run(null);
  const chunks: Buffer[] = [];
  for await (const chunk of typeof answer.body === 'string' ? Readable.from([answer.body]) : answer.body) chunks.push(Buffer.from(chunk as Uint8Array));
  return { answer, bytes: Buffer.concat(chunks) };
}
