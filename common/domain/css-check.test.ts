import { describe, expect, it } from 'vitest';
import { checkCss, CUSTOM_CSS_MAX_LENGTH, type CssIssueCode } from './css-check';

describe('checkCss', () => {
  it.each<{ name: string; css: string; codes: CssIssueCode[] }>([
    { name: 'an empty stylesheet', css: '', codes: [] },
    { name: 'ordinary rules', css: '.portal-header { background: #0b5394; color: #fff; }\na:hover { text-decoration: underline }', codes: [] },
    { name: 'media queries and custom properties', css: ':root { --brand: #123456 }\n@media (max-width: 600px) { .nav { display: none } }', codes: [] },
    { name: 'a missing closing brace', css: '.a { color: red;\n.b { color: blue }', codes: ['syntax_error'] },
    { name: 'a stray closing brace', css: '.a { color: red } }', codes: ['syntax_error'] },
    { name: 'a declaration without a colon', css: '.a { color red }', codes: ['syntax_error'] },
    { name: 'markup that ends the style element', css: '.a { color: red } </style><script>alert(1)</script>', codes: ['syntax_error', 'style_end_tag'] },
    { name: '@import', css: '@import url("https://cdn.example/x.css");\n.a { color: red }', codes: ['import_not_allowed'] },
  ])('$name: $codes', ({ css, codes }) => {
    expect([...new Set(checkCss(css).map((issue) => issue.code))]).toEqual(codes);
  });

  it('gives line and column of a syntax error', () => {
    const [issue] = checkCss('.a { color: red }\n.b { color blue }');
    expect(issue).toMatchObject({ code: 'syntax_error', line: 2 });
    expect(issue!.from).toBeGreaterThan(17);
  });

  it('refuses a stylesheet over the size limit without parsing it', () => {
    const issues = checkCss(`.a{}${' '.repeat(CUSTOM_CSS_MAX_LENGTH)}`);
    expect(issues.map((issue) => issue.code)).toEqual(['too_long']);
  });
});
