import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from './App';

afterEach(() => {
  window.__PATIENTINSIGHT_CONFIG__ = undefined;
});

describe('App', () => {
  it('shows the backend URL injected at runtime and the disclaimer', () => {
    window.__PATIENTINSIGHT_CONFIG__ = { backendUrl: 'https://api.example.test' };
    render(<App />);
    expect(screen.getByTestId('backend-url').textContent).toContain('https://api.example.test');
    expect(screen.getByText(/Not a diagnosis/)).toBeTruthy();
  });
});
