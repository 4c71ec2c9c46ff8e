import { child, followRefs } from "./json-pointer.js";
import { isObj, type DiffContext, type Located, type Obj } from "./operations.js";
import { message, specValue, type Message } from "./message.js";
import { change, prefixed, type Change, type Side } from "./rules.js";

const allPrefixed = (prefix: Message, changes: Change[]) => changes.map((c) => prefixed(c, prefix));

export function diffRequestBody(ctx: DiffContext, b: Located, a: Located): Change[] {
  const [bodyB, pb] = followRefs(ctx.before, b.op.requestBody, child(b.pointer, "requestBody"));
  const [bodyA, pa] = followRefs(ctx.after, a.op.requestBody, child(a.pointer, "requestBody"));
  if (!isObj(bodyB) && !isObj(bodyA)) return [];
  if (!isObj(bodyA)) return [change("request-body-removed", message`request body removed`, pb, "old")];
  const required = bodyA.required === true;
  const kind = required ? "required" : "optional";
  if (!isObj(bodyB)) return [change(`request-body-added-${kind}`, [`${kind} request body added`], pa)];
  const changes: Change[] = [];
  if ((bodyB.required === true) !== required)
    changes.push(
      change(
        `request-body-became-${kind}`,
        [`request body is ${required ? "now required" : "no longer required"}`],
        pa,
      ),
    );
  const content = diffContent(ctx, bodyB.content, child(pb, "content"), bodyA.content, child(pa, "content"), "request");
  return [...changes, ...allPrefixed(message`request body`, content)];
}

/** 2xx answers are the data a caller reads; the rest are its errors (oasdiff draws the same line). */
const isSuccess = (code: string) => /^2/.test(code);

export function diffResponses(ctx: DiffContext, b: Located, a: Located): Change[] {
  const changes: Change[] = [];
  const responsesB = isObj(b.op.responses) ? b.op.responses : {};
  const responsesA = isObj(a.op.responses) ? a.op.responses : {};
  for (const code of new Set([...Object.keys(responsesB), ...Object.keys(responsesA)])) {
    const [rb, pb] = followRefs(ctx.before, responsesB[code], child(b.pointer, "responses", code));
    const [ra, pa] = followRefs(ctx.after, responsesA[code], child(a.pointer, "responses", code));
    const status = isSuccess(code) ? "success" : "non-success";
    if (!isObj(ra) && isObj(rb))
      changes.push(
        change(`response-${status}-status-removed`, message`response ${specValue(code)} removed`, pb, "old"),
      );
    else if (isObj(ra) && !isObj(rb))
      changes.push(change(`response-${status}-status-added`, message`response ${specValue(code)} added`, pa));
    else if (isObj(ra) && isObj(rb)) {
      const content = diffContent(ctx, rb.content, child(pb, "content"), ra.content, child(pa, "content"), "response");
      const headers = diffHeaders(ctx, rb, pb, ra, pa);
      changes.push(...allPrefixed(message`response ${specValue(code)}`, [...headers, ...content]));
    }
  }
  return changes;
}

function diffContent(ctx: DiffContext, contentB: unknown, pb: string, contentA: unknown, pa: string, side: Side) {
  const changes: Change[] = [];
  const mediaB = isObj(contentB) ? contentB : {};
  const mediaA = isObj(contentA) ? contentA : {};
  const rule = side === "request" ? "request-body-media-type" : "response-media-type";
  for (const type of new Set([...Object.keys(mediaB), ...Object.keys(mediaA)])) {
    const [mb, ma] = [mediaB[type], mediaA[type]];
    if (isObj(mb) && !isObj(ma))
      changes.push(change(`${rule}-removed`, message`media type ${specValue(type)} removed`, child(pb, type), "old"));
    else if (isObj(ma) && !isObj(mb))
      // a client could not send it before; reading it is new only if it asks for it (Accept)
      changes.push(change(`${rule}-added`, message`media type ${specValue(type)} added`, child(pa, type)));
    else if (isObj(ma) && isObj(mb))
      changes.push(
        ...ctx.schemas.compare(
          mb.schema,
          child(pb, type, "schema"),
          ma.schema,
          child(pa, type, "schema"),
          side,
          "body",
        ),
      );
  }
  return changes;
}

/** Response headers, matched case-insensitively (RFC 9110 §5.1): a caller may read a required one without a check. */
function diffHeaders(ctx: DiffContext, rb: Obj, pb: string, ra: Obj, pa: string): Change[] {
  const list = (doc: Obj, response: Obj, at: string) => {
    const headers = isObj(response.headers) ? response.headers : {};
    return new Map(
      Object.entries(headers).map(([name, raw]) => {
        const [header, where] = followRefs(doc, raw, child(at, "headers", name));
        const required = isObj(header) && header.required === true;
        return [
          name.toLowerCase(),
          { name, required, where, schema: isObj(header) ? header.schema : undefined },
        ] as const;
      }),
    );
  };
  const [headersB, headersA] = [list(ctx.before, rb, pb), list(ctx.after, ra, pa)];
  const changes: Change[] = [];
  for (const [key, hb] of headersB) {
    const ha = headersA.get(key);
    if (!ha) {
      const rule = hb.required ? "required-response-header-removed" : "optional-response-header-removed";
      const kind = hb.required ? "required" : "optional";
      changes.push(change(rule, [`${kind} header `, specValue(hb.name), " removed"], hb.where, "old"));
      continue;
    }
    if (hb.required !== ha.required)
      changes.push(
        change(
          `response-header-became-${ha.required ? "required" : "optional"}`,
          [`header `, specValue(ha.name), ` is ${ha.required ? "now required" : "no longer required"}`],
          ha.where,
        ),
      );
    const schema = (h: typeof ha) => [h.schema, child(h.where, "schema")] as const;
    for (const c of ctx.schemas.compare(...schema(hb), ...schema(ha), "response", "header"))
      changes.push(prefixed(c, message`header ${specValue(ha.name)}`));
  }
  for (const [key, ha] of headersA)
    if (!headersB.has(key))
      changes.push(change("response-header-added", message`header ${specValue(ha.name)} added`, ha.where));
  return changes;
}
