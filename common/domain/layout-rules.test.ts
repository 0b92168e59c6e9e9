import { describe, expect, it } from 'vitest';
import { decodeBase64, defaultLayoutContent, layoutContrast, LOGO_MAX_BYTES, validateLayout, type LayoutContent, type LayoutIssueCode } from './layout-rules';

const toBase64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
const PNG = toBase64(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]));
const SVG = toBase64('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');

function layout(change: Partial<LayoutContent> = {}): LayoutContent {
  return { ...defaultLayoutContent('Standard'), ...change };
}

describe('validateLayout', () => {
  it.each<{ name: string; layout: LayoutContent; codes: LayoutIssueCode[] }>([
    { name: 'the default layout', layout: layout(), codes: [] },
    { name: 'a PNG logo', layout: layout({ logo: { contentType: 'image/png', fileName: 'logo.png', dataBase64: PNG } }), codes: [] },
    { name: 'an SVG logo', layout: layout({ logo: { contentType: 'image/svg+xml', fileName: 'logo.svg', dataBase64: SVG } }), codes: [] },
    { name: 'an empty name', layout: layout({ name: ' ' }), codes: ['name_required'] },
    { name: 'half-typed colours', layout: layout({ primaryColor: '#0b53', accentColor: 'blue' }), codes: ['invalid_colour', 'invalid_colour'] },
    {
      name: 'a JPEG sent as PNG',
      layout: layout({ logo: { contentType: 'image/png', fileName: 'x.png', dataBase64: toBase64(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0])) } }),
      codes: ['logo_not_png'],
    },
    {
      name: 'text sent as SVG',
      layout: layout({ logo: { contentType: 'image/svg+xml', fileName: 'x.svg', dataBase64: toBase64('hello') } }),
      codes: ['logo_not_svg'],
    },
    {
      name: 'an SVG with a script',
      layout: layout({ logo: { contentType: 'image/svg+xml', fileName: 'x.svg', dataBase64: toBase64('<svg><script>alert(1)</script></svg>') } }),
      codes: ['logo_svg_active_content'],
    },
    {
      name: 'an SVG with an event handler',
      layout: layout({ logo: { contentType: 'image/svg+xml', fileName: 'x.svg', dataBase64: toBase64('<svg onload="alert(1)"></svg>') } }),
      codes: ['logo_svg_active_content'],
    },
    {
      name: 'a logo over the size limit',
      layout: layout({ logo: { contentType: 'image/png', fileName: 'big.png', dataBase64: toBase64(new Uint8Array(LOGO_MAX_BYTES + 1)) } }),
      codes: ['logo_too_large'],
    },
    {
      name: 'broken base64',
      layout: layout({ logo: { contentType: 'image/png', fileName: 'x.png', dataBase64: 'abc' } }),
      codes: ['logo_not_base64'],
    },
    { name: 'CSS with a syntax error', layout: layout({ customCss: '.a { color: red' }), codes: ['css_syntax_error'] },
    { name: 'CSS with @import', layout: layout({ customCss: '@import "x.css";' }), codes: ['css_import_not_allowed'] },
  ])('$name: $codes', ({ layout: candidate, codes }) => {
    expect(validateLayout(candidate).map((issue) => issue.code)).toEqual(codes);
  });

  it('names line and column of a CSS syntax error', () => {
    const [issue] = validateLayout(layout({ customCss: '.a { color: red }\n.b { color blue }' }));
    expect(issue).toMatchObject({ code: 'css_syntax_error', path: 'customCss', params: { line: 2 } });
  });
});

describe('decodeBase64', () => {
  it.each(['', 'a', 'ab', 'abc', 'Grüße, Portal!'])('round-trips %j', (text) => {
    expect(new TextDecoder().decode(decodeBase64(toBase64(text)))).toBe(text);
  });
});

describe('layoutContrast', () => {
  it('checks white on the primary colour and the accent colour on white', () => {
    const contrast = layoutContrast({ primaryColor: '#ffd43b', accentColor: '#000000' });
    expect(contrast.onPrimary).toMatchObject({ normalText: false, largeText: false });
    expect(contrast.accentOnWhite).toMatchObject({ ratio: 21, normalText: true });
  });

  it('has no verdict for a colour that is not a hex colour yet', () => {
    expect(layoutContrast({ primaryColor: '#12', accentColor: '#000' }).onPrimary).toBeNull();
  });
});
