import { codeSpan } from "./code-span.js";

/**
 * A change's message, with what the spec supplied (a property name, a header, a status code, an enum value...)
 * kept apart from our own words. The text report shows it as it always did; the pull-request body and
 * CHANGELOG.md put every spec part in a code span (code-span.ts), so that a name such as `@everyone` or
 * `[x](https://evil.example)` renders as itself. Escaping the finished string instead would have to guess
 * which parts came from the spec; here they are known where the message is made.
 */
export type Message = readonly MessagePart[];
export type MessagePart = string | SpecText;

/** A string taken from the spec. */
export interface SpecText {
  spec: string;
  /** shown in backticks in the text report too (names), or bare (status codes, media types, types, values) */
  quoted: boolean;
}

/** A name from the spec (property, parameter, operationId, security scheme, pattern): `name` in the text report. */
export const specName = (text: string): SpecText => ({ spec: text, quoted: true });

/** Any other value from the spec (status code, header, media type, type, format, enum value, bound, date). */
export const specValue = (text: string | number): SpecText => ({ spec: String(text), quoted: false });

/** message`property ${specName(name)} removed`: our words as they are, every `${}` a part from the spec. */
export function message(words: TemplateStringsArray, ...spec: SpecText[]): Message {
  return words.flatMap((word, i) => [...(word ? [word] : []), ...(i < spec.length ? [spec[i]!] : [])]);
}

/** Several messages joined by our own separator: `a, b, c`. */
export const joinMessages = (messages: readonly Message[], separator: string): Message =>
  messages.flatMap((m, i) => (i === 0 ? m : [separator, ...m]));

/** The text report's form (and `message` of the JSON report): spec names in backticks, as typed. */
export const messageText = (m: Message): string =>
  m.map((p) => (typeof p === "string" ? p : p.quoted ? `\`${p.spec}\`` : p.spec)).join("");

/** The Markdown form: every spec part a code span, our words as they are. */
export const messageMarkdown = (m: Message): string =>
  m.map((p) => (typeof p === "string" ? p : codeSpan(p.spec))).join("");
