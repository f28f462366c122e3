import { toggleSidebar, useLayout } from './layout-store'

/** The header button that hides or shows the library (also Ctrl+B). */
export function SidebarToggle() {
  const collapsed = useLayout((s) => s.sidebarCollapsed)
  return (
    <button
      type="button"
      className="button icon-button"
      aria-label={collapsed ? 'Show library' : 'Hide library'}
      title={collapsed ? 'Show library (Ctrl+B)' : 'Hide library (Ctrl+B)'}
      aria-keyshortcuts="Control+B"
      aria-expanded={!collapsed}
      aria-controls="library"
      onClick={toggleSidebar}
    >
      <span
        className="sidebar-icon"
        data-collapsed={collapsed ? '' : undefined}
        aria-hidden="true"
      />
    </button>
  )
}
