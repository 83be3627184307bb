import { readRuntimeConfig } from '../lib/env';

export function App() {
  const { backendUrl } = readRuntimeConfig();
  return (
    <main>
      <h1>PatientInsight</h1>
      <p>Similar published cases for clinicians. Not a diagnosis; in an emergency call your local emergency number.</p>
      <p data-testid="backend-url">API: {backendUrl}</p>
    </main>
  );
}
