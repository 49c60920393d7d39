export { ensureFail2banInstalled } from './ensure-fail2ban-installed.ts';
export { formatFailureLine } from './failure-line.ts';
export type { SandboxAction } from './render-config.ts';
export { SANDBOX_JAILS, type SandboxJail } from './sandbox-jails.ts';
export { type Sandbox, type SandboxOptions, startSandbox } from './start-sandbox.ts';
export {
  startTrafficGenerator,
  type TrafficGenerator,
  type TrafficGeneratorOptions,
} from './traffic-generator.ts';
