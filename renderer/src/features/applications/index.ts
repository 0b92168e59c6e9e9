export { ApplicationsArea } from './ApplicationsArea';
