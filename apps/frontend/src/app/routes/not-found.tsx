import { Link } from 'react-router';
import { PageHeader } from '../../components/ui';

export default function NotFound() {
  return (
    <>
      <PageHeader title="Page not found" />
      <p>
        This address does not exist. <Link to="/">Go to the start page</Link>.
      </p>
    </>
  );
}
