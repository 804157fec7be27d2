import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/*
 * Asks a URL again and again from a process of its own, so what a test does meanwhile (building a 120 MiB body,
 * sending a flood) does not count as the server's slowness. Run as a script: `node latencyProbe.ts <url>
 * <headers as JSON> <interval ms>`; it prints one JSON line of results when its standard input closes.
 */

export interface ProbeResult {
  count: number
  failures: number
  p50: number
  p99: number
  max: number
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0
}

export function summarize(latencies: number[], failures: number): ProbeResult {
  const sorted = [...latencies].sort((a, b) => a - b)
  return {
    count: sorted.length,
    failures,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? 0,
  }
}

/**
 * Starts probing `url` every `intervalMs`, and resolves once the probe has made its first (warm-up, uncounted)
 * request; `stop` ends it and gives the latencies seen.
 */
export async function startLatencyProbe(
  url: string,
  headers: Record<string, string> = {},
  intervalMs = 20,
): Promise<{ stop(): Promise<ProbeResult> }> {
  const child = spawn(
    process.execPath,
    [fileURLToPath(import.meta.url), url, JSON.stringify(headers), String(intervalMs)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  )
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    const ready = () => {
      if (!output.includes('ready\n')) return
      child.stdout!.off('data', ready)
      resolve()
    }
    child.stdout!.on('data', ready)
    void exited.then(() => reject(new Error('the latency probe stopped before it was ready')))
  })
  return {
    async stop() {
      child.stdin!.end()
      await exited
      return JSON.parse(output.slice(output.indexOf('ready\n') + 6)) as ProbeResult
    },
  }
}

async function probe(url: string, headers: Record<string, string>, intervalMs: number): Promise<void> {
  const latencies: number[] = []
  let failures = 0
  let running = true
  process.stdin.resume()
  process.stdin.once('end', () => (running = false))
  // The first request opens the connection and loads fetch itself: not the server's time.
  await (await fetch(url, { headers })).arrayBuffer()
  process.stdout.write('ready\n')
  while (running) {
    const started = performance.now()
    try {
      const response = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) })
      await response.arrayBuffer()
      if (response.ok) latencies.push(performance.now() - started)
      else failures++
    } catch {
      failures++
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
  process.stdout.write(`${JSON.stringify(summarize(latencies, failures))}\n`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await probe(process.argv[2]!, JSON.parse(process.argv[3]!) as Record<string, string>, Number(process.argv[4]))
}
