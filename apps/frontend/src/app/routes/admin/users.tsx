import { PageHeader } from '../../../components/ui';
import { UserManagement } from '../../../features/users/components/user-management';

export default function Users() {
  return (
    <>
      <PageHeader title="Users" />
      <UserManagement />
    </>
  );
}
