import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Protocol } from 'electron';

/**
 * The renderer is served from app://console/ instead of file://: a standard, secure origin of its own (no
 * file-system reach for the page, fetch and CSP 'self' mean exactly the bundled renderer) and a place to put
 * the CSP header on every response.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const RENDERER_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'; frame-ancestors 'none'";

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** Must run before app 'ready': privileges can only be granted then. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** The protocol.handle handler: files below rendererDir only, each answer with the CSP header. */
export function rendererFileHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const root = resolve(rendererDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405);
    const file = rendererFile(root, request.url);
    if (!file) return answer(404);
    try {
      const body = Uint8Array.from(await readFile(file));
      return answer(200, request.method === 'HEAD' ? null : body, CONTENT_TYPES[extname(file).toLowerCase()]);
    } catch {
      return answer(404);
    }
  };
}

function rendererFile(root: string, rawUrl: string): string | null {
  if (!URL.canParse(rawUrl)) return null;
  const url = new URL(rawUrl);
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const file = resolve(root, `.${path === '/' ? '/index.html' : path}`);
  return file.startsWith(`${root}${sep}`) ? file : null;
}

function answer(status: number, body: Uint8Array<ArrayBuffer> | null = null, contentType = 'application/octet-stream'): Response {
  return new Response(status === 200 ? body : null, {
    status,
    headers: {
      'Content-Type': status === 200 ? contentType : 'text/plain; charset=utf-8',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
