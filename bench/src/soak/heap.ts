// The server's live JavaScript heap: over the inspector protocol (the server runs with
// --inspect on localhost), a full garbage collection and then the V8 heap in use. RSS alone
// swings by 200 MiB with the collector's timing; the heap after a full collection is what grows
// if something leaks. Needs a WebSocket (Node 20: --experimental-websocket).

export interface Inspector {
  /** Collects garbage, then answers the V8 heap in use in MiB. */
  heapAfterGc(): Promise<number>;
  close(): void;
}

export async function connectInspector(port: number): Promise<Inspector> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error(`no inspector target on port ${port}`);
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.addEventListener("open", resolve, { once: true });
    socket.addEventListener("error", reject, { once: true });
  });
  let id = 0;
  const pending = new Map<number, (result: Record<string, unknown>) => void>();
  socket.addEventListener("message", (event) => {
    const message = JSON.parse(String(event.data)) as {
      id?: number;
      result?: Record<string, unknown>;
    };
    if (message.id !== undefined) pending.get(message.id)?.(message.result ?? {});
  });
  const call = (method: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      id += 1;
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, method }));
    });
  return {
    async heapAfterGc() {
      await call("HeapProfiler.collectGarbage");
      const { usedSize } = (await call("Runtime.getHeapUsage")) as { usedSize: number };
      return Number((usedSize / 2 ** 20).toFixed(1));
    },
    close: () => socket.close(),
  };
}
