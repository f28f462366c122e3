/**
 * Template files imported as text (`?raw`): Vite (electron-vite's builds and
 * vitest) inlines them, so the built-in template ships inside the bundle.
 */
declare module '*.liquid?raw' {
  const source: string
  // Vite's `?raw` modules have a default export, nothing else.
  export default source // eslint-disable-line no-restricted-syntax
}
