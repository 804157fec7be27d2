import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { SyncMetrics } from '@cg/sync-server'

/**
 * Prometheus metrics for operators (`GET /metrics`, prom-client). Labels are fixed names (close reasons, refusal
 * reasons, kinds); no board id, title or person ever appears in them. One registry per server, so several servers
 * in one process (tests) keep their own counts.
 */
export class ServerMetrics {
  readonly registry = new Registry()
  private readonly updates = new Counter({
    name: 'cg_updates_stored_total',
    help: 'Peer and server updates written to storage',
    registers: [this.registry],
  })
  private readonly storageWrites = new Histogram({
    name: 'cg_storage_write_seconds',
    help: 'Time to store one batch of updates durably',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  })
  private readonly bytes = new Counter({
    name: 'cg_websocket_bytes_total',
    help: 'Websocket payload bytes, by direction (before compression)',
    labelNames: ['direction'],
    registers: [this.registry],
  })
  // Counted for every message to every peer: bound once, not looked up by label each time.
  private readonly bytesIn = this.bytes.labels('in')
  private readonly bytesOut = this.bytes.labels('out')
  private readonly refusals = new Counter({
    name: 'cg_refusals_total',
    help: 'Things the server refused: updates (by refusal reason), connections it closed (by close reason), HTTP 429',
    labelNames: ['reason'],
    registers: [this.registry],
  })
  private readonly heardUpdates = new Counter({
    name: 'cg_updates_from_other_processes_total',
    help: 'Updates stored by another process and applied here, by how they came: the bus, or read from storage',
    labelNames: ['via'],
    registers: [this.registry],
  })
  private readonly busLag = new Histogram({
    name: 'cg_bus_lag_seconds',
    help: 'Time from another process publishing a message on Redis to this process hearing it',
    labelNames: ['kind'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  })

  constructor(sources: { stats: () => { connections: number; rooms: number }; exportsRunning: () => number }) {
    collectDefaultMetrics({ register: this.registry, prefix: 'cg_' })
    new Gauge({
      name: 'cg_connections',
      help: 'Open websocket connections',
      registers: [this.registry],
      collect() {
        this.set(sources.stats().connections)
      },
    })
    new Gauge({
      name: 'cg_rooms_loaded',
      help: 'Boards and their rooms held in memory by this process',
      registers: [this.registry],
      collect() {
        this.set(sources.stats().rooms)
      },
    })
    new Gauge({
      name: 'cg_export_jobs_running',
      help: 'PDF and document exports running or waiting in this process',
      registers: [this.registry],
      collect() {
        this.set(sources.exportsRunning())
      },
    })
  }

  /** What the sync server reports, kept here. */
  readonly sync: SyncMetrics = {
    stored: (updates, _bytes, seconds) => {
      this.updates.inc(updates)
      this.storageWrites.observe(seconds)
    },
    received: (bytes) => this.bytesIn.inc(bytes),
    sent: (bytes) => this.bytesOut.inc(bytes),
    refused: (reason) => this.refusals.inc({ reason }),
    closed: (reason) => this.refusals.inc({ reason }),
    heard: (via, updates) => this.heardUpdates.inc({ via }, updates),
  }

  refused(reason: string): void {
    this.refusals.inc({ reason })
  }

  busHeard(kind: string, lagMs: number): void {
    this.busLag.observe({ kind }, lagMs / 1000)
  }
}
