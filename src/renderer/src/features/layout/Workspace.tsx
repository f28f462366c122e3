/**
 * The three panes side by side: library | reader | annotations.
 *
 * Why react-resizable-panels: keyboard-resizable separators with the
 * separator role and values come for free, and the layout is remembered per
 * window through `useDefaultLayout`. Each pane sits in its own error
 * boundary so one failing pane leaves the others usable.
 */
import { useCallback } from 'react'
import {
  Group,
  Panel,
  Separator,
  useDefaultLayout,
  type PanelImperativeHandle,
  type PanelSize,
} from 'react-resizable-panels'
import { ErrorBoundary } from '../../components/ErrorBoundary'
import { AnnotationPane } from '../annotations/AnnotationPane'
import { LibraryPane } from '../library/LibraryPane'
import { ReaderPane } from '../reader/ReaderPane'
import { recordSidebarCollapsed, registerSidebar, useLayout } from './layout-store'

export function Workspace() {
  const { defaultLayout, onLayoutChanged } = useDefaultLayout({
    id: 'workbench-layout',
    storage: localStorage,
  })
  const sidebarRef = useCallback((panel: PanelImperativeHandle | null) => {
    registerSidebar(panel)
  }, [])
  const collapsed = useLayout((s) => s.sidebarCollapsed)
  const onSidebarResize = useCallback((size: PanelSize) => {
    recordSidebarCollapsed(size.inPixels < 1)
  }, [])

  return (
    <Group
      id="workbench-layout"
      className="workspace"
      defaultLayout={defaultLayout}
      onLayoutChanged={onLayoutChanged}
    >
      <Panel
        id="library"
        className="panel-slot"
        panelRef={sidebarRef}
        collapsible
        collapsedSize={0}
        minSize={200}
        defaultSize={290}
        maxSize="45%"
        onResize={onSidebarResize}
        // A hidden library must not take Tab focus or be read out.
        inert={collapsed}
      >
        <ErrorBoundary name="library">
          <LibraryPane />
        </ErrorBoundary>
      </Panel>
      <Separator id="library-handle" className="resize-handle" aria-label="Resize library" />
      <Panel id="reader" className="panel-slot" minSize={320}>
        <ErrorBoundary name="reader">
          <ReaderPane />
        </ErrorBoundary>
      </Panel>
      <Separator
        id="annotations-handle"
        className="resize-handle"
        aria-label="Resize annotation pane"
      />
      <Panel id="annotations" className="panel-slot" minSize={260} defaultSize={380} maxSize="50%">
        <ErrorBoundary name="annotation pane">
          <AnnotationPane />
        </ErrorBoundary>
      </Panel>
    </Group>
  )
}
