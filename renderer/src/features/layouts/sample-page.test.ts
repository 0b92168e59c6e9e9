import { describe, expect, it } from 'vitest';
import { defaultLayoutContent } from '../../../../common/domain/layout-rules';
import { samplePageHtml, type SamplePageTexts } from './sample-page';

const texts: SamplePageTexts = { portalName: 'Muster <GmbH>', nav: ['Start'], heading: 'H', intro: 'I', link: 'L', button: 'B', cardTitle: 'C', cardText: 'T' };

describe('samplePageHtml', () => {
  it('applies the theme colours, the logo and the custom CSS after the portal styles', () => {
    const html = samplePageHtml(
      { ...defaultLayoutContent('X'), primaryColor: '#7b2d26', customCss: '.portal-name { color: gold }', logo: { contentType: 'image/png', fileName: 'l.png', dataBase64: 'AAAA' } },
      texts,
    );
    expect(html).toContain('--portal-primary: #7b2d26');
    expect(html).toContain('src="data:image/png;base64,AAAA"');
    expect(html.indexOf('.portal-name { color: gold }')).toBeGreaterThan(html.indexOf('.portal-card {'));
  });

  it('escapes texts, keeps half-typed colours out, and never lets custom CSS close its style element', () => {
    const html = samplePageHtml({ ...defaultLayoutContent('X'), primaryColor: '#7b2', accentColor: 'red;}body{', customCss: 'a{}</style><script>x()</script>' }, texts);
    expect(html).toContain('Muster &lt;GmbH&gt;');
    expect(html).toContain('--portal-primary: #7b2;');
    expect(html).toContain('--portal-accent: #1864ab;');
    expect(html).not.toContain('</style><script>');
  });
});
