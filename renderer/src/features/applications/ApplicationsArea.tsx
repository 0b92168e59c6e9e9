import { Route, Routes, useParams } from 'react-router';
import { ApplicationListPage } from './ApplicationListPage';
import { DesignerPage } from './designer/DesignerPage';

/** /applications: the list; /applications/:applicationId: the designer of one application. */
export function ApplicationsArea() {
  return (
    <Routes>
      <Route index element={<ApplicationListPage />} />
      <Route path=":applicationId" element={<DesignerRoute />} />
    </Routes>
  );
}

/** Keyed by id so switching applications starts a fresh designer. */
function DesignerRoute() {
  const { applicationId = '' } = useParams();
  return <DesignerPage key={applicationId} applicationId={applicationId} />;
}
