import { screen } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { API, server, setupMswServer } from '../../../testing/msw';
import { renderWithProviders } from '../../../testing/test-utils';
import DoctorQueue from './queue';

setupMswServer();

describe('doctor queue', () => {
  it('shows one error card with a retry when both lists fail, and the queue once the retry succeeds', async () => {
    let up = false;
    server.use(
      http.get(`${API}/v1/review/queue`, () =>
        up
          ? HttpResponse.json({ items: [] })
          : HttpResponse.json({ error: { code: 'UNAVAILABLE', message: 'The database is not answering' } }, { status: 503 }),
      ),
    );
    const { user } = renderWithProviders(<DoctorQueue />);
    await screen.findByRole('heading', { name: 'The queue could not be loaded' });
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    up = true;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('heading', { name: 'Waiting (urgent first)' });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getAllByText('Nothing waiting.')).toHaveLength(2);
  });
});
