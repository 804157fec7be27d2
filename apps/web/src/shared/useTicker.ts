import { useEffect, useState } from 'react'

/** Re-renders every `intervalMs` while `active`, for countdowns. */
export function useTicker(active: boolean, intervalMs = 250): void {
  const [, setTick] = useState(0)
  useEffect(() => {
    if (!active) return
    const timer = setInterval(() => setTick((n) => n + 1), intervalMs)
    return () => clearInterval(timer)
  }, [active, intervalMs])
}
