import { Select, Stack, Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { buttonActionTypes, type ApplicationDefinition, type ButtonAction, type ButtonActionType } from '../../../../../common/domain/application-definition';

/** Actions that must name a page; the others may name one to go to afterwards. */
export function actionNeedsPage(type: ButtonActionType): boolean {
  return type === 'goToPage' || type === 'openRecord';
}

/** What a button does: save, delete (with or without asking), cancel, go to a page, open the record on a page. */
export function ButtonActionProperties({ definition, action, onChange }: { definition: ApplicationDefinition; action: ButtonAction; onChange: (action: ButtonAction) => void }) {
  const { t } = useTranslation();
  const needsPage = actionNeedsPage(action.type);
  const pageKnown = definition.pages.some((page) => page.id === action.pageId);
  return (
    <Stack gap="xs" data-testid="button-properties">
      <Select
        label={t('applications:properties.action')}
        data={buttonActionTypes.map((type) => ({ value: type, label: t(`applications:properties.action_${type}`) }))}
        value={action.type}
        onChange={(type) => type && onChange({ ...action, type: type as ButtonActionType })}
        allowDeselect={false}
        data-testid="prop-action"
      />
      <Select
        label={t(needsPage ? 'applications:properties.actionPage' : 'applications:properties.actionThenPage')}
        description={t(`applications:properties.actionHint_${action.type}`)}
        data={definition.pages.map((page) => ({ value: page.id, label: page.title || '…' }))}
        value={pageKnown ? action.pageId : null}
        placeholder={action.pageId !== null && !pageKnown ? t('applications:properties.missingPage') : t(needsPage ? 'applications:properties.choosePage' : 'applications:properties.stayOnPage')}
        error={needsPage && !pageKnown ? t('applications:properties.actionPageMissing') : undefined}
        onChange={(pageId) => onChange({ ...action, pageId })}
        clearable
        allowDeselect={false}
        data-testid="prop-action-page"
      />
      {action.type === 'delete' && (
        <Switch
          label={t('applications:properties.confirmDelete')}
          checked={action.confirm}
          onChange={(e) => onChange({ ...action, confirm: e.currentTarget.checked })}
          data-testid="prop-action-confirm"
        />
      )}
    </Stack>
  );
}
