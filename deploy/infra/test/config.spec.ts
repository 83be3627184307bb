import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../lib/config.ts';
import { CONTEXT } from './helpers.ts';

const node = (ctx: Record<string, unknown>) => ({ tryGetContext: (key: string) => ctx[key] });

describe('context', () => {
  it('defaults: staging, node group 2-4, single-AZ database, one NAT, the prefixed names', () => {
    const c = loadConfig(node(CONTEXT));
    expect(c).toMatchObject({
      env: 'staging',
      prefix: 'patientinsight-staging',
      availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
      nodeMinSize: 2,
      nodeMaxSize: 4,
      nodeDesiredSize: 2,
      dbMultiAz: false,
      natGateways: 1,
    });
  });

  it('production: multi-AZ database, a NAT per zone, the bare names the charts and cd.yml use', () => {
    const c = loadConfig(node({ ...CONTEXT, env: 'production' }));
    expect(c).toMatchObject({ prefix: 'patientinsight', dbMultiAz: true, natGateways: 3, auditRetentionDays: 2190 });
  });

  it('reads `-c key=value` strings as numbers and booleans', () => {
    const c = loadConfig(node({ ...CONTEXT, nodeMinSize: '3', nodeMaxSize: '6', dbMultiAz: 'true', nodeInstanceType: 'm6i.xlarge' }));
    expect(c).toMatchObject({ nodeMinSize: 3, nodeMaxSize: 6, nodeDesiredSize: 3, dbMultiAz: true, nodeInstanceType: 'm6i.xlarge' });
  });

  it.each([
    [{ env: 'dev' }, /context env: must be one of staging, production/],
    [{ account: 'abc' }, /context account: must be a 12-digit/],
    [{ region: 'mars' }, /context region: not an AWS region/],
    [{ githubRepository: 'no-owner' }, /context githubRepository: must be owner\/name/],
    [{ nodeMinSize: 'two' }, /context nodeMinSize: must be an integer from 1 to 100/],
    [{ nodeMinSize: 5, nodeMaxSize: 4 }, /context nodeMaxSize: must be at least nodeMinSize/],
    [{ dbMultiAz: 'yes' }, /context dbMultiAz: must be true or false/],
    [{ availabilityZones: 'eu-west-1a,eu-west-1b' }, /exactly three zones/],
    [{ modelMinInstances: 3, modelMaxInstances: 2 }, /modelMaxInstances: must be at least modelMinInstances/],
  ])('rejects %j with a message naming the key', (bad, message) => {
    expect(() => loadConfig(node({ ...CONTEXT, ...bad }))).toThrow(ConfigError);
    expect(() => loadConfig(node({ ...CONTEXT, ...bad }))).toThrow(message);
  });
});
