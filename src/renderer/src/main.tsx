/**
 * Renderer entry: Monaco first, then the app.
 *
 * Why Monaco first: `@monaco-editor/react` must be told about the bundled
 * Monaco before any editor mounts, or it reaches for a CDN.
 */
import './zod-config'
import { monaco } from './monaco/setup-monaco'
import { registerTagCompletion } from './monaco/tag-completion'
import { initTheme } from './features/theme/theme'
import { workbench } from './state/workbench-store'
import './styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'

function MissingBridge() {
  return (
    <main className="missing-bridge">
      <h1>Analyst Workbench</h1>
      <p>This page only works inside the Analyst Workbench app.</p>
    </main>
  )
}

initTheme()
registerTagCompletion(monaco, () => workbench.get().codebook.map((t) => t.name))

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(<StrictMode>{window.workbench ? <App /> : <MissingBridge />}</StrictMode>)
