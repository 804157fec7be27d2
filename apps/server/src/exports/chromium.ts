import { execFile } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Logger } from 'pino'
import { chromium, type Browser } from 'playwright-core'

/**
 * Chromium runs at a lower CPU priority than the server (`nice`, inherited by every process and thread it starts):
 * a render is background work, and on a machine busy rendering, the server's answers to people on their boards come
 * first. Run as root, Chromium would set its threads' priorities itself (its browser process above the server's),
 * so it is then also started without the capability to raise them (`setpriv`). Where neither can be done, Chromium
 * runs as it is.
 */
const NICE = '/usr/bin/nice'
const SETPRIV = '/usr/bin/setpriv'
const RENDER_NICENESS = 10

/**
 * The headless Chromium (Debian's, through playwright-core) that exports render in: one browser per process,
 * started on first use, sandboxed where it can be, at a lower CPU priority than the server.
 */
export class ChromiumLauncher {
  private browser: Promise<Browser> | undefined
  /** What starts Chromium: once made, a launcher that lowers its priority (see RENDER_NICENESS). */
  private launcher: Promise<string> | undefined
  private unsandboxed = false
  private readonly chromiumPath: string
  private readonly log: Logger

  constructor(chromiumPath: string, log: Logger) {
    this.chromiumPath = chromiumPath
    this.log = log
  }

  /** Whether Chromium is where the configuration says (CHROMIUM_PATH). */
  get installed(): boolean {
    return existsSync(this.chromiumPath)
  }

  /** The browser, started if none runs. */
  launch(): Promise<Browser> {
    if (!this.browser) {
      const launching = this.launchSandboxed()
      this.browser = launching
      // A failed launch or a crashed browser is not kept: the next export starts a fresh one.
      launching.then(
        (browser) => browser.on('disconnected', () => this.browser === launching && (this.browser = undefined)),
        () => this.browser === launching && (this.browser = undefined),
      )
    }
    return this.browser
  }

  /** Closes the browser, and removes the launcher made for it. */
  async close(): Promise<void> {
    const browser = await this.browser?.catch(() => undefined)
    await browser?.close().catch(() => {})
    const launcher = await this.launcher?.catch(() => undefined)
    if (launcher && launcher !== this.chromiumPath) rmSync(join(launcher, '..'), { recursive: true, force: true })
  }

  /**
   * Chromium with its sandbox, which keeps a board's content from reaching the server if the renderer is ever
   * exploited. Chromium refuses its sandbox when it runs as root (or where user namespaces are off): then it runs
   * without, and the log says so once (see the README's limits).
   */
  private async launchSandboxed(): Promise<Browser> {
    const executablePath = await (this.launcher ??= this.lowPriorityLauncher())
    if (!this.unsandboxed) {
      try {
        return await chromium.launch({ executablePath })
      } catch (error) {
        this.unsandboxed = true
        this.log.warn(
          { err: error, runningAsRoot: process.getuid?.() === 0 },
          'Chromium cannot use its sandbox here; PDF exports render without it',
        )
      }
    }
    return chromium.launch({ executablePath, args: ['--no-sandbox'] })
  }

  /**
   * A launcher in a private folder of this process that runs Chromium at RENDER_NICENESS (as root, without
   * CAP_SYS_NICE), the first that answers `--version`; Chromium's own path where `nice` is missing or no launcher
   * runs (a temporary folder mounted noexec, capabilities that cannot be dropped).
   */
  private async lowPriorityLauncher(): Promise<string> {
    if (!existsSync(NICE)) return this.chromiumPath
    const nice = `${NICE} -n ${RENDER_NICENESS}`
    const commands = [
      ...(process.getuid?.() === 0 && existsSync(SETPRIV)
        ? [`${SETPRIV} --bounding-set=-sys_nice --inh-caps=-sys_nice ${nice}`]
        : []),
      nice,
    ]
    const quoted = `'${this.chromiumPath.replaceAll("'", "'\\''")}'`
    let dir: string | undefined
    let failure: unknown
    try {
      dir = await mkdtemp(join(tmpdir(), 'cg-chromium-'))
      for (const command of commands) {
        const launcher = join(dir, 'chromium')
        await writeFile(launcher, `#!/bin/sh\nexec ${command} ${quoted} "$@"\n`, { mode: 0o700 })
        try {
          await promisify(execFile)(launcher, ['--version'], { timeout: 30_000 })
          return launcher
        } catch (error) {
          failure = error
        }
      }
    } catch (error) {
      failure = error
    }
    if (dir) rmSync(dir, { recursive: true, force: true })
    this.log.warn({ err: failure }, 'Chromium cannot be started at a lower priority; exports render at the server’s')
    return this.chromiumPath
  }
}
