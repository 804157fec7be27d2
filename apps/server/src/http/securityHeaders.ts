import helmet from 'helmet'

/** Security headers of every answer (helmet), with a content security policy that lets tldraw work. */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        // tldraw sets inline styles and renders images and exports from blob: and data: URLs.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'media-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'", 'blob:', 'data:'],
        'worker-src': ["'self'", 'blob:'],
        'upgrade-insecure-requests': null,
      },
    },
    // Boards are often served over plain http on a field office LAN; don't force https.
    strictTransportSecurity: false,
  })
}
