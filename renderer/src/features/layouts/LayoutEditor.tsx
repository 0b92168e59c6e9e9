import { Alert, Anchor, Badge, Button, Card, ColorInput, FileButton, Grid, Group, Image, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconDeviceFloppy, IconPhoto, IconTrash } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { VersionedLayout } from '../../../../common/contract';
import { formatRatio, type ContrastCheck } from '../../../../common/domain/contrast';
import {
  decodedLength,
  layoutContrast,
  LOGO_MAX_BYTES,
  logoContentTypes,
  validateLayout,
  type LayoutContent,
  type LayoutIssue,
  type LayoutLogo,
} from '../../../../common/domain/layout-rules';
import { Layout } from '../../../../common/portal-api/designer';
import { ConflictDialog } from '../../components/ConflictDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { callConsole } from '../../lib/console-client';
import { preconditionConflict } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { ConfirmButton } from '../applications/designer/ConfirmButton';
import { useDiscardLayoutDraft, useLayout, useLayoutDraft, useSaveLayout } from './api';
import { contrastFailures } from './contrast-failures';
import { ContrastConfirmDialog } from './ContrastConfirmDialog';
import { CssEditor } from './CssEditor';
import { LayoutPreview } from './LayoutPreview';

const AUTOSAVE_DELAY_MS = 400;

function contentOf(layout: Layout): LayoutContent {
  return { name: layout.name, primaryColor: layout.primaryColor, accentColor: layout.accentColor, logo: layout.logo, customCss: layout.customCss };
}

/** For the conflict dialog: the logo by name and size, not thousands of base64 characters. */
function comparable(content: LayoutContent) {
  return { ...content, logo: content.logo && `${content.logo.fileName} (${decodedLength(content.logo.dataBase64)} B)` };
}

export function LayoutEditorPage({ layoutId }: { layoutId: string }) {
  const { t } = useTranslation();
  const layout = useLayout(layoutId);
  const draft = useLayoutDraft(layoutId);
  const error = layout.error ?? draft.error;
  if (error) return <ErrorAlert error={error} onRetry={() => void (layout.error ? layout.refetch() : draft.refetch())} />;
  if (!layout.data || !draft.isSuccess) return <Text c="dimmed">{t('common:loading')}</Text>;
  const stored = draft.data?.kind === 'layout' ? draft.data : null;
  return <LayoutEditor layoutId={layoutId} published={layout.data} initialDraft={stored} />;
}

interface Base {
  etag: string;
  version: number;
}

/** Version counter from the layout ETag `"layout.<id>.v<n>"`, for the draft file. */
function versionOf(etag: string): number {
  return Number(/\.v(\d+)"$/.exec(etag)?.[1] ?? 0);
}

function LayoutEditor({ layoutId, published, initialDraft }: {
  layoutId: string;
  published: VersionedLayout;
  initialDraft: { content: LayoutContent; baseEtag: string; baseVersion: number; savedAt: string } | null;
}) {
  const { t, i18n } = useTranslation();
  const [content, setContent] = useState<LayoutContent>(initialDraft?.content ?? contentOf(published.value));
  const [base, setBase] = useState<Base>(initialDraft ? { etag: initialDraft.baseEtag, version: initialDraft.baseVersion } : { etag: published.etag, version: versionOf(published.etag) });
  const [hasDraft, setHasDraft] = useState(initialDraft !== null);
  const [savedAt, setSavedAt] = useState<string | null>(initialDraft?.savedAt ?? null);
  const [draftError, setDraftError] = useState<unknown>(null);
  const [logoError, setLogoError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ theirs: Layout; etag: string } | null>(null);
  const [confirmContrast, setConfirmContrast] = useState(false);
  const revision = useRef(0);
  const save = useSaveLayout();
  const discard = useDiscardLayoutDraft();
  const issues = useMemo(() => validateLayout(content), [content]);
  const contrast = layoutContrast(content);
  const failures = useMemo(() => contrastFailures(content), [content]);
  const stale = initialDraft !== null && initialDraft.baseEtag !== published.etag;

  const change = useCallback((patch: Partial<LayoutContent>) => {
    setContent((current) => {
      const next = { ...current, ...patch };
      if (JSON.stringify(next) === JSON.stringify(current)) return current;
      revision.current += 1;
      setHasDraft(true);
      return next;
    });
  }, []);

  // Autosave: the draft goes to disk shortly after every change.
  const writeDraft = useCallback(async () => {
    try {
      const summary = await callConsole('drafts:save', { kind: 'layout', id: layoutId, baseEtag: base.etag, baseVersion: base.version, content });
      setSavedAt(summary.savedAt);
      setDraftError(null);
    } catch (error) {
      setDraftError(error);
    }
  }, [layoutId, base, content]);
  useEffect(() => {
    if (!hasDraft || revision.current === 0) return;
    const timer = setTimeout(() => void writeDraft(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [hasDraft, writeDraft]);

  const adopt = (saved: VersionedLayout) => {
    revision.current = 0;
    setContent(contentOf(saved.value));
    setBase({ etag: saved.etag, version: versionOf(saved.etag) });
    setHasDraft(false);
    setSavedAt(null);
  };

  const runSave = (ifMatch: string) =>
    save.mutate(
      { layoutId, layout: content, ifMatch },
      {
        onSuccess: (saved) => {
          adopt(saved);
          setConflict(null);
          notifications.show({ color: 'green', message: t('layouts:editor.savedOnPortal') });
        },
        onError: (error) => {
          const precondition = preconditionConflict(error);
          const theirs = Layout.safeParse(precondition?.current);
          if (precondition?.currentEtag && theirs.success) setConflict({ theirs: theirs.data, etag: precondition.currentEtag });
        },
      },
    );

  const takeTheirs = (current: { theirs: Layout; etag: string }) =>
    discard.mutate(layoutId, {
      onSuccess: () => {
        adopt({ etag: current.etag, value: current.theirs });
        setConflict(null);
      },
    });

  const discardDraft = () =>
    discard.mutate(layoutId, {
      onSuccess: async () => adopt(await callConsole('layouts:get', { layoutId })),
    });

  const pickLogo = async (file: File | null) => {
    setLogoError(null);
    if (!file) return;
    if (!(logoContentTypes as readonly string[]).includes(file.type)) return setLogoError(t('layouts:logo.wrongType'));
    if (file.size > LOGO_MAX_BYTES) return setLogoError(t('layouts:logo.tooLarge', { kb: Math.ceil(file.size / 1024), max: LOGO_MAX_BYTES / 1024 }));
    const dataUrl = await new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(file);
    });
    const logo: LayoutLogo = { contentType: file.type as LayoutLogo['contentType'], fileName: file.name, dataBase64: dataUrl.slice(dataUrl.indexOf(',') + 1) };
    change({ logo });
  };

  const cssMessage = useCallback(
    (code: string, line: number, column: number) => t(`layouts:issues.css_${code}`, { line, column }),
    [t],
  );

  const sampleTexts = {
    portalName: content.name || t('layouts:sample.portalName'),
    nav: [t('layouts:sample.navHome'), t('layouts:sample.navNews'), t('layouts:sample.navApps')],
    heading: t('layouts:sample.heading'),
    intro: t('layouts:sample.intro'),
    link: t('layouts:sample.link'),
    button: t('layouts:sample.button'),
    cardTitle: t('layouts:sample.cardTitle'),
    cardText: t('layouts:sample.cardText'),
  };

  return (
    <Stack gap="sm" data-testid="layout-editor">
      <Anchor component={Link} to="/layouts" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />
          {t('layouts:editor.back')}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={1} size="h2">
            {published.value.name}
          </Title>
          <Text size="sm" c="dimmed" data-testid="layout-save-status">
            {!hasDraft ? t('layouts:editor.clean') : savedAt ? t('layouts:editor.draftSaved', { at: formatDateTime(savedAt, i18n.language) }) : t('layouts:editor.draftSaving')}
          </Text>
        </Stack>
        <Group gap="xs">
          <ConfirmButton
            disabled={!hasDraft}
            loading={discard.isPending}
            title={t('layouts:editor.discardTitle')}
            message={t('layouts:editor.discardMessage')}
            confirmLabel={t('layouts:editor.discard')}
            onConfirm={discardDraft}
            data-testid="discard-layout-draft"
          >
            {t('layouts:editor.discard')}
          </ConfirmButton>
          <Button
            leftSection={<IconDeviceFloppy size={16} aria-hidden />}
            disabled={!hasDraft || issues.length > 0}
            loading={save.isPending}
            onClick={() => (failures.length > 0 ? setConfirmContrast(true) : runSave(base.etag))}
            data-testid="save-layout"
          >
            {t('layouts:editor.save')}
          </Button>
        </Group>
      </Group>
      {stale && <Alert color="yellow">{t('layouts:editor.staleDraft')}</Alert>}
      {draftError !== null && <ErrorAlert error={draftError} onRetry={() => void writeDraft()} />}
      {save.error && !preconditionConflict(save.error) && <ErrorAlert error={save.error} onClose={() => save.reset()} />}
      {discard.error && <ErrorAlert error={discard.error} onClose={() => discard.reset()} />}

      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="sm">
            <Card withBorder padding="sm">
              <Stack gap="xs">
                <Title order={2} size="h5">
                  {t('layouts:theme.heading')}
                </Title>
                <TextInput label={t('layouts:theme.name')} value={content.name} onChange={(e) => change({ name: e.currentTarget.value })} data-testid="layout-name" />
                <ColorInput
                  label={t('layouts:theme.primary')}
                  description={t('layouts:theme.primaryHint')}
                  value={content.primaryColor}
                  onChange={(primaryColor) => change({ primaryColor })}
                  format="hex"
                  data-testid="layout-primary"
                />
                <ContrastVerdict check={contrast.onPrimary} testId="contrast-primary" />
                <ColorInput
                  label={t('layouts:theme.accent')}
                  description={t('layouts:theme.accentHint')}
                  value={content.accentColor}
                  onChange={(accentColor) => change({ accentColor })}
                  format="hex"
                  data-testid="layout-accent"
                />
                <ContrastVerdict check={contrast.accentOnWhite} testId="contrast-accent" />
              </Stack>
            </Card>
            <Card withBorder padding="sm">
              <Stack gap="xs">
                <Title order={2} size="h5">
                  {t('layouts:logo.heading')}
                </Title>
                <Text size="sm" c="dimmed">
                  {t('layouts:logo.rules', { max: LOGO_MAX_BYTES / 1024 })}
                </Text>
                {content.logo ? (
                  <Group>
                    <Image src={`data:${content.logo.contentType};base64,${content.logo.dataBase64}`} alt={t('layouts:logo.alt')} h={48} w="auto" fit="contain" data-testid="logo-image" />
                    <Text size="sm">
                      {content.logo.fileName} ({Math.ceil(decodedLength(content.logo.dataBase64) / 1024)} KB)
                    </Text>
                  </Group>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('layouts:logo.none')}
                  </Text>
                )}
                {logoError && (
                  <Text size="sm" c="red" role="alert" data-testid="logo-error">
                    {logoError}
                  </Text>
                )}
                <Group gap="xs">
                  <FileButton onChange={(file) => void pickLogo(file)} accept={logoContentTypes.join(',')}>
                    {(props) => (
                      <Button {...props} variant="light" leftSection={<IconPhoto size={16} aria-hidden />} data-testid="logo-upload">
                        {t('layouts:logo.upload')}
                      </Button>
                    )}
                  </FileButton>
                  {content.logo && (
                    <Button variant="subtle" color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => change({ logo: null })}>
                      {t('layouts:logo.remove')}
                    </Button>
                  )}
                </Group>
              </Stack>
            </Card>
            <Card withBorder padding="sm">
              <Stack gap="xs">
                <Title order={2} size="h5">
                  {t('layouts:css.heading')}
                </Title>
                <Text size="sm" c="dimmed">
                  {t('layouts:css.hint')}
                </Text>
                <CssEditor value={content.customCss} onChange={(customCss) => change({ customCss })} label={t('layouts:css.heading')} messageOf={cssMessage} />
              </Stack>
            </Card>
            <LayoutIssues issues={issues} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <LayoutPreview content={content} sampleTexts={sampleTexts} />
        </Grid.Col>
      </Grid>
      {confirmContrast && (
        <ContrastConfirmDialog
          failures={failures}
          onSave={() => {
            setConfirmContrast(false);
            runSave(base.etag);
          }}
          onClose={() => setConfirmContrast(false)}
        />
      )}
      {conflict && (
        <ConflictDialog
          mine={comparable(content)}
          theirs={comparable(contentOf(conflict.theirs))}
          labels={{ title: t('layouts:editor.conflictTitle', { by: conflict.theirs.updatedBy ?? '?' }) }}
          busy={save.isPending || discard.isPending}
          onKeepMine={() => runSave(conflict.etag)}
          onTakeTheirs={() => takeTheirs(conflict)}
          onCancel={() => setConflict(null)}
        />
      )}
    </Stack>
  );
}

function ContrastVerdict({ check, testId }: { check: ContrastCheck | null; testId: string }) {
  const { t } = useTranslation();
  if (check === null) return <Text size="xs" c="dimmed" data-testid={testId}>{t('layouts:contrast.unknown')}</Text>;
  const verdict = check.normalText ? 'pass' : check.largeText ? 'largeOnly' : 'fail';
  const color = { pass: 'green', largeOnly: 'yellow', fail: 'red' }[verdict];
  return (
    <Group gap="xs" data-testid={testId} data-verdict={verdict}>
      <Badge color={color} variant="light">
        {t(`layouts:contrast.${verdict}`)}
      </Badge>
      <Text size="xs" c="dimmed">
        {t('layouts:contrast.ratio', { ratio: formatRatio(check.ratio) })}
      </Text>
    </Group>
  );
}

function LayoutIssues({ issues }: { issues: readonly LayoutIssue[] }) {
  const { t } = useTranslation();
  if (issues.length === 0) return null;
  return (
    <Alert color="red" title={t('layouts:issuesTitle', { count: issues.length })} data-testid="layout-issues">
      <List size="sm">
        {issues.map((issue, index) => (
          <List.Item key={`${issue.code}:${index}`}>{t(`layouts:issues.${issue.code}`, issue.params)}</List.Item>
        ))}
      </List>
    </Alert>
  );
}
