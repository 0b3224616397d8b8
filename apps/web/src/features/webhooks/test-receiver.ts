// For integration tests only: a real HTTP receiver on 127.0.0.1 (an ephemeral port) that records
// each request and answers the statuses it is given in turn (then 200).
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface TestReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Statuses for the next requests, in order; 200 once they run out. */
  statuses: number[];
  /** Called with each request as it arrives (before the answer). */
  onRequest?: (request: ReceivedRequest) => void;
  delayMs: number;
  close(): Promise<void>;
}

export async function startTestReceiver(): Promise<TestReceiver> {
  const receiver: Omit<TestReceiver, "url" | "close"> = { requests: [], statuses: [], delayMs: 0 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const received = { headers: request.headers, body: Buffer.concat(chunks).toString("utf8") };
      receiver.requests.push(received);
      receiver.onRequest?.(received);
      setTimeout(() => {
        response.statusCode = receiver.statuses.shift() ?? 200;
        response.end("ok");
      }, receiver.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hook`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  });
}
