import { z } from 'zod';

export const Environment = z.enum(['prod', 'test', 'dev']);
export type Environment = z.infer<typeof Environment>;

export const ReleaseTrack = z.enum(['silent', 'steady']);
export type ReleaseTrack = z.infer<typeof ReleaseTrack>;

export const IsoDateTime = z.string().datetime({ offset: true });
export const Uuid = z.string().uuid();

/** Cursor pagination: every list endpoint answers `{ items, nextCursor }`. */
export function page<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int().optional() });
}
export type Page<T> = { items: T[]; nextCursor: string | null; total?: number | undefined };

export const PageQuery = z.object({
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** Payload wrapper for responses that carry a resource with its ETag (the header is authoritative on the wire). */
export function versioned<T extends z.ZodTypeAny>(value: T) {
  return z.object({ etag: z.string(), value });
}
export type Versioned<T> = { etag: string; value: T };
