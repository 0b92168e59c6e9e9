import { Readable } from 'node:stream';
import { streamFailureLine } from '../../common/portal-api/streams';

const FAILURE_DETAIL = 'The portal could not finish this export; the file is incomplete. Try again; the server log has the cause.';

/**
 * A text stream for a streamed answer: an error after the first chunk ends it with the failure marker
 * (see common/portal-api/streams.ts) rather than a cut connection, and is reported to `onError`.
 */
export function guardedTextStream(source: AsyncIterable<string> | Iterable<string>, onError: (error: unknown) => void): Readable {
  async function* guarded(): AsyncGenerator<string> {
    try {
      yield* source;
    } catch (error) {
      onError(error);
      yield streamFailureLine(FAILURE_DETAIL);
    }
  }
  return Readable.from(guarded(), { objectMode: false });
}
