import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type Synthesised } from './helpers.ts';

interface Finding {
  rule: string;
  path: string;
}

/** Synthesises with the packs on; returns the findings CDK's validation report lists (none when synth succeeds). */
function findings(x: Synthesised | { app: App; outdir: string }): Finding[] {
  try {
    x.app.synth();
  } catch (error) {
    // Any other error is a real failure; a failed validation is what the report below describes.
    if (!/validation ?failed/i.test(`${(error as Error).name} ${(error as Error).message}`)) throw error;
  }
  const report = JSON.parse(readFileSync(join(x.outdir, 'validation-report.json'), 'utf8')) as {
    pluginReports: Array<{
      pluginName: string;
      violations: Array<{ ruleName: string; violatingConstructs: Array<{ constructPath: string }> }>;
    }>;
  };
  return report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((v) => v.violatingConstructs.map((c) => ({ rule: v.ruleName, path: c.constructPath }))),
  );
}

/** Every Validations.acknowledge() in the app: where, which rule, why. */
function acknowledgments(root: IConstruct): Array<Finding & { reason: string }> {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
          rule: id.replace(/^annotation::/i, ''),
          path: c.node.path,
          reason,
        })),
      ),
  );
}

let acknowledged: Synthesised;
let unacknowledged: Synthesised;
beforeAll(() => {
  acknowledged = build('staging');
  unacknowledged = build('staging', {}, { suppress: false });
});
afterAll(() => {
  acknowledged?.dispose();
  unacknowledged?.dispose();
});

describe('cdk-nag: AwsSolutions and HIPAA Security', () => {
  it('the packs fail synthesis on a finding (this check can fail)', () => {
    const outdir = `${acknowledged.outdir}-negative`;
    const app = new App({ outdir });
    const stack = new Stack(app, 'Bad', { env: { account: '123456789012', region: 'eu-west-1' } });
    new s3.Bucket(stack, 'Open', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY, enforceSSL: false });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new HIPAASecurityChecks(app));
    const rules = findings({ app, outdir }).map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10', 'HIPAA.Security-S3BucketSSLRequestsOnly']));
  });

  it('staging: 0 unacknowledged findings', () => {
    expect(findings(acknowledged)).toEqual([]);
  });

  it('every acknowledgment answers a finding that really occurs, and gives a reason', () => {
    const raised = findings(unacknowledged);
    const nagFindings = raised.filter((f) => f.rule.startsWith('AwsSolutions-') || f.rule.startsWith('HIPAA.Security-'));
    // Without the acknowledgments the packs do report: the clean result above is not vacuous.
    expect(nagFindings.length).toBeGreaterThan(20);
    // CDK acknowledges some CloudFormation-schema warnings itself (e.g. W3010 on the VPC's explicit zones); ours are
    // the nag packs' rules and the one schema warning lib/suppressions.ts names.
    const acks = acknowledgments(acknowledged.app).filter(
      (a) => /^(AwsSolutions|HIPAA\.Security)-/.test(a.rule) || a.rule === 'CloudFormation-Validate::W9009',
    );
    expect(acks.length).toBeGreaterThan(20);
    for (const ack of acks) {
      expect(ack.reason.length, `${ack.rule} at ${ack.path}`).toBeGreaterThanOrEqual(60);
      const answered = raised.some(
        (f) => f.rule === ack.rule.replace(/^CloudFormation-Validate::/, '') && (f.path === ack.path || f.path.startsWith(`${ack.path}/`)),
      );
      // Staging-only acknowledgments (single-AZ, no deletion protection) are checked here too: this app is staging.
      expect(answered, `stale acknowledgment ${ack.rule} at ${ack.path}`).toBe(true);
    }
  });
});
