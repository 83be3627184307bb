import { CfnJson } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

export interface IrsaRoleProps {
  /** The cluster's IAM OIDC provider. */
  provider: iam.IOpenIdConnectProvider;
  namespace: string;
  serviceAccount: string;
  roleName?: string;
  description: string;
}

/**
 * An IAM role only one Kubernetes service account can assume (IAM Roles for Service Accounts): the token's `sub` must
 * be exactly system:serviceaccount:<namespace>:<name> and its audience STS. The condition keys contain the issuer,
 * which is known only once the cluster exists, so they go through CfnJson (a key cannot be a token in plain JSON).
 */
export class IrsaRole extends Construct {
  readonly role: iam.Role;
  readonly subject: string;
  /** The role's permissions, as a customer-managed policy (inline policies are not reviewable on their own). */
  readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: IrsaRoleProps) {
    super(scope, id);
    this.subject = `system:serviceaccount:${props.namespace}:${props.serviceAccount}`;
    // oidc.eks.<region>.amazonaws.com/id/<id>, a deploy-time value.
    const issuer = props.provider.openIdConnectProviderIssuer;
    const conditions = new CfnJson(this, 'TrustConditions', {
      value: { [`${issuer}:sub`]: this.subject, [`${issuer}:aud`]: 'sts.amazonaws.com' },
    });
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      description: props.description,
      assumedBy: new iam.FederatedPrincipal(
        props.provider.openIdConnectProviderArn,
        { StringEquals: conditions },
        'sts:AssumeRoleWithWebIdentity',
      ),
    });
    this.policy = new iam.ManagedPolicy(this, 'Policy', { roles: [this.role], description: props.description });
  }

  allow(statement: iam.PolicyStatement): this {
    this.policy.addStatements(statement);
    return this;
  }
}
