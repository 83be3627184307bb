import { App } from 'aws-cdk-lib';
import { buildApp } from '../lib/app.ts';

// `cdk synth -c env=production -c account=... -c region=...`: every setting comes from context (lib/config.ts).
const app = new App();
buildApp(app);
app.synth();
