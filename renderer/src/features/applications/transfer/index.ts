export { ExportButton } from './ExportButton';
export { ImportWizard } from './ImportWizard';
