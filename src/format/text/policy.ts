/** Policy verdicts (type 5) as `pkg/monitor/datapath_policy.go` prints them, at every verbosity. */
import type { PolicyVerdict } from '../../decode/types.js';
import { connectionSummary } from '../connection-summary.js';
import { tableText, type FormatContext } from '../context.js';
import { goHex } from '../go-text.js';
import { endpointText, identityText } from '../identity.js';
import { policyPacketFlags } from './flags.js';

/** `GetPolicyActionString`. */
function policyAction(ev: PolicyVerdict): string {
  if (ev.audited) return 'audit';
  if (ev.verdict < 0) return 'deny';
  if (ev.verdict > 0) return 'redirect';
  return 'allow';
}

/** `policy.AuthType.String()`. */
function authTypeText(authType: number): string {
  switch (authType) {
    case 0:
      return 'disabled';
    case 1:
      return 'spire';
    case 2:
      return 'test-always-fail';
    default:
      return `Unknown-auth-type-${authType}`;
  }
}

/** `api.PolicyMatchType.String()`. */
function policyMatchText(matchType: number, ctx: FormatContext): string {
  return tableText(ctx, 'policyMatchTypes', matchType) ?? 'unknown';
}

/** The `Policy verdict log:` line. */
export function policyInfo(ev: PolicyVerdict, ctx: FormatContext): string {
  const dir = ev.direction === 1 ? 'ingress' : 'egress';
  const summary = connectionSummary(ctx.goData(ev), policyPacketFlags(ev, ctx), ctx.dialect);
  return (
    `Policy verdict log: flow ${goHex(ev.hash)} local EP ID ${endpointText(ev.source, ctx.numeric, ctx.names)}, remote ID ${identityText(ev.remoteLabel, ctx.numeric, ctx.names)}` +
    `, proto ${ev.proto}, ${dir}, action ${policyAction(ev)}, auth: ${authTypeText(ev.authType)}, match ${policyMatchText(ev.matchType, ctx)}, ${summary}\n`
  );
}
