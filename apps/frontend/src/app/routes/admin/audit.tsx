import { PageHeader } from '../../../components/ui';
import { AuditSearch } from '../../../features/audit/components/audit-search';

export default function Audit() {
  return (
    <>
      <PageHeader title="Audit trail">
        <p>Every read and write of patient data and every sign-in. Nobody can change or delete entries.</p>
      </PageHeader>
      <AuditSearch />
    </>
  );
}
