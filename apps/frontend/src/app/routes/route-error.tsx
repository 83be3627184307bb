import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { Alert } from '../../components/ui';

/** Never a blank page or a stack trace: what happened and what to do. */
export function RouteError() {
  const error = useRouteError();
  const chunkFailed = error instanceof Error && /dynamically imported module|Failed to fetch/i.test(error.message);
  return (
    <main className="shell-main">
      <Alert tone="danger" title={isRouteErrorResponse(error) && error.status === 404 ? 'Page not found' : 'This page could not be shown'}>
        <p>
          {chunkFailed
            ? 'Part of the app could not be downloaded, perhaps because a new version was just released or the connection dropped.'
            : 'Something unexpected went wrong while showing this page.'}
        </p>
        <p>
          <a href={window.location.pathname}>Reload the page</a> or <Link to="/">go to the start page</Link>.
        </p>
      </Alert>
    </main>
  );
}
