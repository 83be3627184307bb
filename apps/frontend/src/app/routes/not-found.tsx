import { Link } from 'react-router';
import { PageHeader } from '../../components/ui';

/** Any address the app does not know: plain words and a way on, never the address itself. */
export default function NotFound() {
  return (
    <>
      <PageHeader title="Page not found" />
      <p>We could not find this page. The link may be incomplete or out of date.</p>
      <p>
        <Link to="/">Go to your start page</Link>
      </p>
    </>
  );
}
