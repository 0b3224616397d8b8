// A progress bar on standard error: rows, bytes and percent of the file, redrawn at most every
// 100 ms (a line per 10% when stderr is not a terminal, so logs stay short).

export interface Progress {
  update(rows: number, bytes: number): void;
  finish(rows: number): void;
}

const WIDTH = 24;

const formatBytes = (bytes: number) =>
  bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / 1e6).toFixed(1)} MB`;

export function createProgress(
  label: string,
  totalBytes: number,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  const isTerminal = stream.isTTY === true;
  let last = 0;
  let lastTenth = -1;
  const render = (rows: number, bytes: number) => {
    const share = totalBytes > 0 ? Math.min(bytes / totalBytes, 1) : 1;
    const filled = Math.round(share * WIDTH);
    return `${label} [${"#".repeat(filled)}${"-".repeat(WIDTH - filled)}] ${(share * 100).toFixed(0).padStart(3)}% · ${rows.toLocaleString("en-US")} rows · ${formatBytes(bytes)} / ${formatBytes(totalBytes)}`;
  };
  return {
    update(rows, bytes) {
      if (isTerminal) {
        const now = performance.now();
        if (now - last < 100) return;
        last = now;
        stream.write(`\r${render(rows, bytes)}`);
        return;
      }
      const tenth = totalBytes > 0 ? Math.floor((bytes / totalBytes) * 10) : 0;
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${render(rows, bytes)}\n`);
      }
    },
    finish(rows) {
      if (!isTerminal && lastTenth >= 10) return;
      stream.write(`${isTerminal ? "\r" : ""}${render(rows, totalBytes)}\n`);
    },
  };
}
