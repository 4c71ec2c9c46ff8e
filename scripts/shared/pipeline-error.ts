/**
 * An expected failure of a pipeline step: bad input, a lint error, generated types that do not compile.
 * The command prints it as one short message with no stack trace; anything else is a bug and keeps its stack.
 */
export class PipelineError extends Error {
  constructor(
    message: string,
    /** where it happened, as `file:line:column` parts; shown before the message */
    readonly where: { file?: string; line?: number; column?: number } = {},
    /** the lint rule or parser that reported it */
    readonly rule?: string,
  ) {
    super(message);
    this.name = "PipelineError";
  }

  override toString(): string {
    const { file, line, column } = this.where;
    const place = [file, line, line !== undefined ? column : undefined].filter((p) => p !== undefined).join(":");
    return `${place ? `${place}: ` : ""}${this.rule ? `[${this.rule}] ` : ""}${this.message}`;
  }
}
