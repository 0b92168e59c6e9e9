import { z } from 'zod';
import { checkContrast, isHexColour, type ContrastCheck } from './contrast';
import { checkCss, type CssIssueCode } from './css-check';

/**
 * A portal layout: theme colours, logo and custom CSS. Like application definitions, the zod shape only
 * bounds sizes so a draft with a half-typed colour is kept; `validateLayout` reports the rules by code.
 */

export const LOGO_MAX_BYTES = 200 * 1024;
export const logoContentTypes = ['image/png', 'image/svg+xml'] as const;
export type LogoContentType = (typeof logoContentTypes)[number];

const BASE64_CHARACTERS = /^[A-Za-z0-9+/]*={0,2}$/;

export const LayoutLogo = z.object({
  contentType: z.enum(logoContentTypes),
  fileName: z.string().max(200),
  /** Base64 of the file; bounded a little above the limit so the rule below can name the size. */
  dataBase64: z.string().max(Math.ceil((LOGO_MAX_BYTES * 2) / 3) * 4),
});
export type LayoutLogo = z.infer<typeof LayoutLogo>;

export const LayoutContent = z.object({
  name: z.string().max(200),
  /** Header and buttons; white text sits on it. */
  primaryColor: z.string().max(20),
  /** Links and highlights on the white page. */
  accentColor: z.string().max(20),
  logo: LayoutLogo.nullable(),
  customCss: z.string().max(200_000),
});
export type LayoutContent = z.infer<typeof LayoutContent>;

export const defaultLayoutContent = (name: string): LayoutContent => ({
  name,
  primaryColor: '#0b5394',
  accentColor: '#1864ab',
  logo: null,
  customCss: '',
});

export const layoutIssueCodes = [
  'name_required',
  'invalid_colour',
  'logo_too_large',
  'logo_not_base64',
  'logo_not_png',
  'logo_not_svg',
  'logo_svg_active_content',
  'css_syntax_error',
  'css_style_end_tag',
  'css_import_not_allowed',
  'css_too_long',
] as const;
export type LayoutIssueCode = (typeof layoutIssueCodes)[number];

export interface LayoutIssue {
  code: LayoutIssueCode;
  path: string;
  message: string;
  params: Record<string, string | number>;
}

const cssCodes: Record<CssIssueCode, LayoutIssueCode> = {
  syntax_error: 'css_syntax_error',
  style_end_tag: 'css_style_end_tag',
  import_not_allowed: 'css_import_not_allowed',
  too_long: 'css_too_long',
};

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes (the beginning of) padded base64 without platform APIs. */
export function decodeBase64(base64: string, maxBytes = Number.POSITIVE_INFINITY): Uint8Array {
  const clean = base64.replace(/=+$/, '');
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const character of clean) {
    buffer = (buffer << 6) | BASE64_ALPHABET.indexOf(character);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
      if (bytes.length >= maxBytes) break;
    }
  }
  return Uint8Array.from(bytes);
}

export function decodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function isPng(base64: string): boolean {
  const head = decodeBase64(base64.slice(0, 12), PNG_SIGNATURE.length);
  return PNG_SIGNATURE.every((byte, index) => head[index] === byte);
}

/** The SVG's bytes as Latin-1 text: enough to find its ASCII markup, without platform decoders. */
function svgText(base64: string): string {
  const bytes = decodeBase64(base64);
  let text = '';
  for (let start = 0; start < bytes.length; start += 8192) text += String.fromCharCode(...bytes.subarray(start, start + 8192));
  return text;
}

/** Scripts, event handlers and javascript: URLs would run wherever the portal shows the logo inline. */
const SVG_ACTIVE_CONTENT = /<script\b|\son[a-z]+\s*=|javascript:|<foreignObject\b/i;

function logoIssues(logo: LayoutLogo): LayoutIssue[] {
  const issue = (code: LayoutIssueCode, message: string, params: Record<string, string | number> = {}): LayoutIssue[] => [
    { code, path: 'logo', message, params },
  ];
  if (logo.dataBase64.length % 4 !== 0 || !BASE64_CHARACTERS.test(logo.dataBase64)) return issue('logo_not_base64', 'The logo is not valid base64');
  const bytes = decodedLength(logo.dataBase64);
  if (bytes > LOGO_MAX_BYTES) {
    return issue('logo_too_large', `The logo has ${bytes} bytes; at most ${LOGO_MAX_BYTES} are allowed`, { bytes, max: LOGO_MAX_BYTES });
  }
  if (logo.contentType === 'image/png') return isPng(logo.dataBase64) ? [] : issue('logo_not_png', 'The file is not a PNG image');
  const text = svgText(logo.dataBase64);
  if (!/<svg[\s>]/i.test(text)) return issue('logo_not_svg', 'The file is not an SVG image');
  if (SVG_ACTIVE_CONTENT.test(text)) return issue('logo_svg_active_content', 'The SVG contains scripts or event handlers');
  return [];
}

function colourIssue(value: string, path: 'primaryColor' | 'accentColor'): LayoutIssue[] {
  return isHexColour(value) ? [] : [{ code: 'invalid_colour', path, message: `${path} must be a hex colour like #0b5394`, params: { value } }];
}

/** Every rule the layout breaks; an empty list means it may be saved on the portal. */
export function validateLayout(layout: LayoutContent): LayoutIssue[] {
  const issues: LayoutIssue[] = [];
  if (layout.name.trim() === '') issues.push({ code: 'name_required', path: 'name', message: 'Give the layout a name', params: {} });
  issues.push(...colourIssue(layout.primaryColor, 'primaryColor'), ...colourIssue(layout.accentColor, 'accentColor'));
  if (layout.logo !== null) issues.push(...logoIssues(layout.logo));
  for (const css of checkCss(layout.customCss)) {
    issues.push({ code: cssCodes[css.code], path: 'customCss', message: css.message, params: { line: css.line, column: css.column } });
  }
  return issues;
}

export interface LayoutContrast {
  /** White text on the primary colour (header, buttons). */
  onPrimary: ContrastCheck | null;
  /** The accent colour as text on the white page (links). */
  accentOnWhite: ContrastCheck | null;
}

export function layoutContrast(layout: Pick<LayoutContent, 'primaryColor' | 'accentColor'>): LayoutContrast {
  return { onPrimary: checkContrast('#ffffff', layout.primaryColor), accentOnWhite: checkContrast(layout.accentColor, '#ffffff') };
}
