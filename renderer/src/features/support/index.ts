export { SupportPage } from './SupportPage';
export { OfflineTicketButton, OfflineTicketModal, type OfflineTicketProfile } from './OfflineTicket';
