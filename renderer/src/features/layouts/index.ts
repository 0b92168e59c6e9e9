export { LayoutsArea } from './LayoutsArea';
