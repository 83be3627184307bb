import { PageHeader } from '../../../components/ui';
import { useAuth } from '../../../features/auth/components/auth-provider';
import { UserManagement } from '../../../features/users/components/user-management';

export default function Users() {
  const { user } = useAuth();
  return (
    <>
      <PageHeader title="Users" />
      <UserManagement currentUserId={user?.id ?? ''} />
    </>
  );
}
