import { Route, Routes } from 'react-router';
import { NewTicketPage } from './NewTicketPage';
import { TicketDetailPage } from './TicketDetailPage';
import { TicketListPage } from './TicketListPage';

/** /support (list and outbox), /support/new (file a ticket), /support/:id (thread). */
export function SupportPage() {
  return (
    <Routes>
      <Route index element={<TicketListPage />} />
      <Route path="new" element={<NewTicketPage />} />
      <Route path=":id" element={<TicketDetailPage />} />
    </Routes>
  );
}
