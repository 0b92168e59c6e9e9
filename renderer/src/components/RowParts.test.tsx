// @vitest-environment jsdom
import '../test/setup-dom';
import { Badge, Group, MantineProvider, Text } from '@mantine/core';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { RowBadge, RowGroup, RowText } from './RowParts';

/** An element as its tag, attributes in name order and children, so that the order attributes were set in does not count. */
function structure(node: Node): string {
  if (!(node instanceof Element)) return node.textContent ?? '';
  const attributes = [...node.attributes].map((attribute) => `${attribute.name}="${attribute.value}"`).sort();
  return `<${node.localName} ${attributes.join(' ')}>${[...node.childNodes].map(structure).join('')}</${node.localName}>`;
}

/** The element a part renders. */
function html(element: ReactElement): string {
  const { container, unmount } = render(<MantineProvider>{element}</MantineProvider>);
  const markup = container.lastElementChild === null ? '' : structure(container.lastElementChild);
  unmount();
  return markup;
}

describe('plain row parts render what Mantine renders', () => {
  it.each([
    ['default', <Text size="sm" truncate>Erika</Text>, <RowText>Erika</RowText>],
    ['dimmed', <Text size="sm" truncate c="dimmed">–</Text>, <RowText tone="dimmed">–</RowText>],
    ['monospace', <Text size="sm" truncate ff="monospace">erika</Text>, <RowText tone="monospace">erika</RowText>],
    ['strong', <Text size="sm" truncate fw={500}>Erika</Text>, <RowText tone="strong">Erika</RowText>],
    ['cell', <Text role="cell" size="sm" truncate>x</Text>, <RowText role="cell">x</RowText>],
  ])('Text %s', (_name, mantine, plain) => {
    expect(html(plain)).toBe(html(mantine));
  });

  it.each([
    ['light sm', <Badge size="sm" variant="light" color="green">Aktiv</Badge>, <RowBadge size="sm" variant="light" color="green">Aktiv</RowBadge>],
    ['light xs', <Badge size="xs" variant="light" color="violet">Admin</Badge>, <RowBadge size="xs" variant="light" color="violet">Admin</RowBadge>],
    ['outline xs', <Badge size="xs" variant="outline" color="orange">Abgelaufen</Badge>, <RowBadge size="xs" variant="outline" color="orange">Abgelaufen</RowBadge>],
    ['test id', <Badge size="sm" variant="light" color="gray" data-testid="s">Off</Badge>, <RowBadge size="sm" variant="light" color="gray" data-testid="s">Off</RowBadge>],
  ])('Badge %s', (_name, mantine, plain) => {
    expect(html(plain)).toBe(html(mantine));
  });

  it.each([4, 6])('Group gap %i', (gap) => {
    expect(html(<RowGroup gap={gap}>x</RowGroup>)).toBe(html(<Group gap={gap} wrap="nowrap">x</Group>));
  });
});
