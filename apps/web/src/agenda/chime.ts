/**
 * A gentle two-note chime when the shared timer ends: soft sine tones with a slow fade, so it tells the room
 * time is up without startling anyone. Made with Web Audio, so no sound file has to be downloaded.
 */
export function playChime(): void {
  const AudioContextClass =
    window.AudioContext ?? (window as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext
  if (!AudioContextClass) return
  const context = new AudioContextClass()
  const start = context.currentTime
  for (const [index, frequency] of [660, 880].entries()) {
    const oscillator = context.createOscillator()
    const gain = context.createGain()
    oscillator.type = 'sine'
    oscillator.frequency.value = frequency
    const at = start + index * 0.35
    gain.gain.setValueAtTime(0, at)
    gain.gain.linearRampToValueAtTime(0.12, at + 0.05)
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 1.2)
    oscillator.connect(gain).connect(context.destination)
    oscillator.start(at)
    oscillator.stop(at + 1.25)
  }
  setTimeout(() => void context.close(), 2_000)
}
