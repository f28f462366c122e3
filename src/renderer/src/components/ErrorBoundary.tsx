/**
 * Keeps one broken pane from taking the window down.
 *
 * Why per pane: a render error in the annotation pane must leave the
 * library and reader usable. The fallback says what failed, copies the
 * details for a bug report, and retries by remounting the pane.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react'
import { version } from '../../../../package.json'
import { showToast } from './toast-store'

interface ErrorBoundaryProps {
  /** The pane's name, for the message ("The reader stopped working"). */
  readonly name: string
  readonly children: ReactNode
}

interface ErrorBoundaryState {
  readonly error: Error | null
  readonly componentStack: string
}

/** The app version, from package.json (Vite inlines only this field). */
const APP_VERSION: string = version

/** The text "Copy details" puts on the clipboard. */
export function errorDetails(
  name: string,
  error: Error,
  componentStack: string,
  version = APP_VERSION,
): string {
  return [
    `Analyst Workbench ${version}`,
    `Pane: ${name}`,
    `Error: ${error.message}`,
    '',
    error.stack ?? '(no stack)',
    componentStack ? `\nComponent stack:${componentStack}` : '',
  ]
    .join('\n')
    .trimEnd()
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null, componentStack: '' }

  static getDerivedStateFromError(error: unknown): Partial<ErrorBoundaryState> {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  override componentDidCatch(_error: unknown, info: ErrorInfo): void {
    this.setState({ componentStack: info.componentStack ?? '' })
  }

  private copy = (): void => {
    const { error, componentStack } = this.state
    if (!error) return
    navigator.clipboard.writeText(errorDetails(this.props.name, error, componentStack)).then(
      () => showToast('info', 'Error details copied.'),
      () => showToast('error', 'Could not copy to the clipboard.'),
    )
  }

  private retry = (): void => {
    this.setState({ error: null, componentStack: '' })
  }

  override render(): ReactNode {
    const { error } = this.state
    if (!error) return this.props.children
    return (
      <div className="pane pane-error" role="alert">
        <h2>The {this.props.name} stopped working</h2>
        <p>The rest of the window still works. Your saved work is safe.</p>
        <p className="pane-error-message">{error.message}</p>
        <div className="toolbar">
          <button type="button" className="button primary" onClick={this.retry}>
            Try again
          </button>
          <button type="button" className="button" onClick={this.copy}>
            Copy details
          </button>
        </div>
      </div>
    )
  }
}
