import { expect } from "vitest";

/**
 * The least-privilege rules of our GitHub workflows, as functions that list what breaks them, so that a test can
 * show each rule rejecting a doctored workflow (docs/spec-bot.md says why the rules are what they are).
 */

export interface WorkflowStep {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
export interface WorkflowJob {
  permissions?: unknown;
  needs?: string | string[];
  if?: string;
  outputs?: Record<string, string>;
  steps: WorkflowStep[];
}
export interface Workflow {
  permissions?: unknown;
  jobs: Record<string, WorkflowJob>;
}

/**
 * The job's effective permissions: its own, or the workflow's. `write-all`, or any scope at `write`, can write.
 * No `permissions` at all means the repository's default token, which may be read-write: counted as writing.
 */
export function canWrite(workflow: Workflow, job: WorkflowJob): boolean {
  const permissions = job.permissions ?? workflow.permissions;
  if (permissions === undefined || permissions === "write-all") return true;
  if (typeof permissions !== "object" || permissions === null) return false;
  return Object.values(permissions).includes("write");
}

/** The job reads a repository secret (SPEC_UPDATE_TOKEN, say): anywhere in its definition. */
export const usesSecrets = (job: WorkflowJob) => /\bsecrets\./.test(JSON.stringify(job));

/**
 * Runs the project's code or installs something: npm, npx, node (and the other runners of package code), a
 * file of scripts/, .ci/ or node_modules/, or a local action (`uses: ./...`), which is project code too. So does
 * CodeQL when it builds what it analyses: its `autobuild` action, or `init` with any `build-mode` but `none`
 * (https://docs.github.com/en/code-security/code-scanning/creating-an-advanced-setup-for-code-scanning/codeql-code-scanning-for-compiled-languages).
 */
export function runsProjectCode(step: WorkflowStep): boolean {
  if (step.uses?.startsWith("./")) return true;
  if (step.uses?.startsWith("github/codeql-action/autobuild@")) return true;
  if (step.uses?.startsWith("github/codeql-action/init@") && step.with?.["build-mode"] !== "none") return true;
  const run = step.run ?? "";
  // npm publishing a tarball built by another job, with its lifecycle scripts off, runs npm and nothing of ours.
  if (publishesTarball(run)) return false;
  return (
    /(^|[\s;&|(`$"'])(npm|npx|node|pnpm|yarn|corepack|tsx|bun|deno)(?=\s|$|["';&|)])/m.test(run) ||
    /(^|[\s;&|(`$"'=])(\.\/)?(scripts|\.ci|node_modules)\//m.test(run)
  );
}

/** release.yml's publish step, exactly: `npm publish` of the artifact's tarball with `--ignore-scripts`. */
export const publishesTarball = (run: string) =>
  /^npm publish "\$RUNNER_TEMP\/release\/\$TARBALL" --ignore-scripts$/.test(run.trim());

/**
 * What breaks least privilege: a job that may write, or holds a secret, and runs project code (whose
 * dependencies' code could then push, or read the secret); one message per offending step.
 */
export function privilegeProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  for (const [name, job] of Object.entries(workflow.jobs)) {
    const power = [canWrite(workflow, job) ? "may write" : "", usesSecrets(job) ? "uses a secret" : ""]
      .filter(Boolean)
      .join(" and ");
    if (!power) continue;
    for (const step of job.steps.filter(runsProjectCode))
      problems.push(`job ${name} ${power}, and runs project code: ${(step.run ?? step.uses)!.trim()}`);
  }
  return problems;
}

/** Every `uses:` that is not pinned to a full 40-hex commit SHA (a tag or a branch can be moved). */
export function unpinnedActions(workflow: Workflow): string[] {
  return Object.values(workflow.jobs)
    .flatMap((job) => job.steps.flatMap((s) => (s.uses ? [s.uses] : [])))
    .filter((uses) => !uses.startsWith("./") && !/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(uses));
}

/**
 * Whether a step or a job runs, for the one form of `if:` our workflows use: an output of an earlier step or
 * job compared with 'true' (`steps.plan.outputs.pending == 'true'`, `needs.update.outputs.changed == 'true'`),
 * decided on `outputs`. The tests that run a workflow's own lines use it; any other form fails them, since
 * they could not tell whether the step runs.
 */
export function outputIsTrue(condition: string | undefined, outputs: Record<string, string>): boolean {
  if (condition === undefined) return true;
  const test = /^(?:steps|needs)\.[\w-]+\.outputs\.(\w+) == 'true'$/.exec(condition);
  expect(test, `a condition this test understands: ${condition}`).not.toBeNull();
  return outputs[test![1]!] === "true";
}
