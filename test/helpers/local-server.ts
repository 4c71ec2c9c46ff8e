import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  /** 1 for the first request the server received, 2 for the second… */
  n: number;
  /** performance.now() when the whole request had arrived */
  at: number;
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface LocalServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** every request the server received, in order */
  received: ReceivedRequest[];
  close(): Promise<void>;
}

export type Handler = (req: ReceivedRequest, res: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 and a free port, recording what it received (as octokit's tests do). */
export async function startLocalServer(handler: Handler): Promise<LocalServer> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      const record = {
        n: received.length + 1,
        at: performance.now(),
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body,
      };
      received.push(record);
      handler(record, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** Sends a JSON body with the given status. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

export interface StalledBody {
  /** sends the rest of the body and ends the response */
  finish(rest: string): void;
  /** whether the client hung up before `finish` (e.g. a deadline that aborted the read) */
  readonly closedEarly: boolean;
}

/**
 * Sends the status, the headers and the first part of the body at once (no Content-Length: chunked), then stalls
 * until `finish` is called: a server or proxy that is slow in the middle of a body.
 */
export function stallBody(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  first: string,
): StalledBody {
  let finished = false;
  let closedEarly = false;
  res.on("close", () => (closedEarly = !finished));
  res.writeHead(status, headers);
  res.write(first);
  return {
    finish(rest) {
      finished = true;
      res.end(rest);
    },
    get closedEarly() {
      return closedEarly;
    },
  };
}

/** Drops the connection with a TCP reset instead of answering: the client sees ECONNRESET. */
export function resetConnection(res: ServerResponse): void {
  res.socket?.resetAndDestroy();
}
