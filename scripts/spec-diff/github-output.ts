import type { UpdateReport } from "./update-report.js";
import type { UpdateSummary } from "./update-summary.js";

/**
 * The step outputs of `spec:update --github-output "$GITHUB_OUTPUT"`, which .github/workflows/spec-update.yml reads
 * to open its pull request: GitHub Actions collects a step's outputs as `name=value` lines appended to the file
 * named by $GITHUB_OUTPUT (https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands).
 * The workflow itself holds no logic, so that what it does is tested here (test/spec-update-workflow.test.ts).
 */
export function githubOutputs(report: UpdateReport, summary: UpdateSummary): Record<string, string> {
  const breaking = summary.verdict === "breaking";
  const { bump, version } = summary;
  return {
    /** spec/ and generated/ were written: the workflow opens or updates its pull request only then */
    changed: String(report.result === "written"),
    verdict: summary.verdict,
    bump,
    version: version.to,
    breaking: String(breaking),
    /** for create-pull-request's `labels`: empty when there is nothing to label */
    labels: breaking ? "breaking" : "",
    title:
      `Trieve spec ${titleVersion(report.to.version)}: ${bump === "none" ? "no" : bump} bump` +
      (bump === "none" ? "" : ` to ${version.to}`) +
      (breaking ? ", breaking" : summary.verdict === "additions only" ? ", additions only" : ""),
  };
}

/**
 * info.version in the title (and commit message), which is plain text where no code span can hold it: shown
 * only when it looks like a version, so that a spec cannot put a mention or a link there.
 */
const titleVersion = (version: string | undefined) =>
  version !== undefined && /^[\w.+-]{1,64}$/.test(version) ? version : "update";

/** The lines to append to $GITHUB_OUTPUT. Every value is one line, so the simple `name=value` form is enough. */
export const githubOutputText = (outputs: Record<string, string>) =>
  Object.entries(outputs)
    .map(([key, value]) => `${key}=${value.replace(/[\r\n]+/g, " ")}\n`)
    .join("");
