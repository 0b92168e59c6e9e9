import { Card, Group, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LayoutContent } from '../../../../common/domain/layout-rules';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePreviewApplications, usePreviewDefinition } from './api';
import { applicationPageHtml } from './application-page';
import { samplePageHtml, type SamplePageTexts } from './sample-page';

type Source = 'sample' | 'application';

const frameStyle = { width: '100%', height: 480, border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4, background: '#fff' } as const;

/**
 * The layout on a portal page: the sample page, or a published page of a real application. Always in a
 * sandboxed frame (no scripts, no same origin): the custom CSS styles the page, never the console.
 */
export function LayoutPreview({ content, sampleTexts }: { content: LayoutContent; sampleTexts: SamplePageTexts }) {
  const { t } = useTranslation();
  const [source, setSource] = useState<Source>('sample');
  const [applicationId, setApplicationId] = useState<string | null>(null);
  const [pageId, setPageId] = useState<string | null>(null);
  const applications = usePreviewApplications(source === 'application');
  const definition = usePreviewDefinition(source === 'application' ? applicationId : null);
  const doc = definition.data?.value;
  const pages = doc?.definition.pages ?? [];
  const page = pages.find((candidate) => candidate.id === pageId) ?? pages[0] ?? null;

  let html: string | null = null;
  if (source === 'sample') html = samplePageHtml(content, sampleTexts);
  else if (doc && page) {
    html = applicationPageHtml(content, doc.definition, page, {
      portalName: sampleTexts.portalName,
      nav: sampleTexts.nav,
      applicationName: doc.applicationName,
      noRecords: t('layouts:preview.noRecords'),
      noControls: t('layouts:preview.noControls'),
      image: t('layouts:preview.image'),
    });
  }

  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-end">
          <Title order={2} size="h5">
            {t('layouts:preview.heading')}
          </Title>
          <SegmentedControl
            size="xs"
            value={source}
            onChange={(value) => setSource(value as Source)}
            data={[
              { value: 'sample', label: t('layouts:preview.sample') },
              { value: 'application', label: t('layouts:preview.application') },
            ]}
            aria-label={t('layouts:preview.source')}
            data-testid="layout-preview-source"
          />
        </Group>
        {source === 'application' && (
          <Group grow align="flex-end">
            <Select
              label={t('layouts:preview.pickApplication')}
              placeholder={t('layouts:preview.pickApplicationPlaceholder')}
              data={(applications.data?.items ?? []).map((item) => ({ value: item.id, label: item.name }))}
              value={applicationId}
              onChange={(value) => {
                setApplicationId(value);
                setPageId(null);
              }}
              searchable
              nothingFoundMessage={t('layouts:preview.noApplications')}
              data-testid="layout-preview-application"
            />
            <Select
              label={t('layouts:preview.pickPage')}
              data={pages.map((candidate) => ({ value: candidate.id, label: candidate.title }))}
              value={page?.id ?? null}
              onChange={setPageId}
              disabled={pages.length === 0}
              allowDeselect={false}
              data-testid="layout-preview-page"
            />
          </Group>
        )}
        {source === 'application' && applications.error && <ErrorAlert error={applications.error} onRetry={() => void applications.refetch()} />}
        {source === 'application' && definition.error && <ErrorAlert error={definition.error} onRetry={() => void definition.refetch()} />}
        {source === 'application' && doc && pages.length === 0 && (
          <Text size="sm" c="dimmed" data-testid="layout-preview-no-pages">
            {doc.version === 0 ? t('layouts:preview.notPublished') : t('layouts:preview.noPages')}
          </Text>
        )}
        {html !== null && (
          <iframe
            title={source === 'sample' ? t('layouts:preview.frameTitle') : t('layouts:preview.applicationFrameTitle', { page: page?.title ?? '' })}
            sandbox=""
            srcDoc={html}
            style={frameStyle}
            data-testid="layout-preview"
          />
        )}
      </Stack>
    </Card>
  );
}
