import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../lib/api-client';
import { ErrorState } from './feedback';

describe('ErrorState', () => {
  it('offers a retry that calls back', async () => {
    const retry = vi.fn();
    render(
      <ErrorState
        title="The queue could not be loaded"
        error={new ApiError('The server answered 503', 503, 'HTTP_ERROR')}
        onRetry={retry}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('The server answered 503');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('says "not found" in plain words, without the raw id, and offers no retry', () => {
    render(
      <ErrorState
        title="This consultation could not be loaded"
        error={new ApiError('encounter 0b7c1a9e-4f1c-4f7a-9a61-3d1f8f2f0c11 was not found', 404, 'ENCOUNTER_NOT_FOUND')}
        onRetry={() => undefined}
      />,
    );
    const card = screen.getByRole('alert');
    expect(card.textContent).toContain('We could not find this');
    expect(card.textContent).not.toContain('0b7c1a9e');
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('says the server cannot be reached when the network failed', () => {
    render(<ErrorState error={new ApiError('Cannot reach the PatientInsight server.', 0, 'NETWORK_ERROR')} onRetry={() => undefined} />);
    expect(screen.getByRole('alert').textContent).toContain('We cannot reach PatientInsight right now');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
