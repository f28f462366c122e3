import { useEffect, useId, useState, type FormEvent } from 'react'
import {
  EMPTY_PROFILE,
  PROFILE_FIELDS,
  profileFieldProblem,
  type AnalystProfile,
  type ProfileFieldKey,
} from '../../../../shared/domain/profile'
import { useModalDialog, whenClosed } from '../../components/use-modal-dialog'
import { useWorkbench } from '../../state/workbench-store'
import { closeProfile, loadProfile, saveProfile } from './profile-actions'
import './profile.css'

/** What each field is for, under it. */
const HINTS: Readonly<Record<ProfileFieldKey, string>> = {
  name: 'The W3C export names you as creator; the briefing names you as author.',
  organisation: 'The publisher of your ClaimReview fact checks.',
  url: 'A page about you or your organisation.',
  publishBaseUrl:
    'The page your fact checks are published on; each claim’s review is at <address>#<annotation id>. ClaimReview export needs it.',
}

/**
 * "Profile": who publishes what the workbench exports. The profile belongs
 * to the analyst, not to a library, so it is the same in every library and
 * on the command line (`workbench profile`). Fields are checked as they are
 * left and again on save; a refused save keeps the dialog open with every
 * value typed.
 */
export function ProfileDialog() {
  const open = useWorkbench((s) => s.profileOpen)
  const dialogRef = useModalDialog(open)
  return (
    <dialog
      ref={dialogRef}
      className="confirm-dialog profile-dialog"
      aria-labelledby="profile-title"
      data-testid="profile-dialog"
      onCancel={(event) => {
        event.preventDefault()
        closeProfile()
      }}
      onClose={whenClosed(closeProfile)}
    >
      {open && <ProfileForm />}
    </dialog>
  )
}

function ProfileForm() {
  const [profile, setProfile] = useState<AnalystProfile | null>(null)
  const [problems, setProblems] = useState<Partial<Record<ProfileFieldKey, string>>>({})
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const baseId = useId()

  useEffect(() => {
    let live = true
    void loadProfile().then((loaded) => {
      if (!live) return
      if (typeof loaded === 'string') {
        setError(loaded)
        setProfile(EMPTY_PROFILE)
      } else setProfile(loaded)
    })
    return () => {
      live = false
    }
  }, [])

  const check = (key: ProfileFieldKey, value: string) =>
    setProblems((current) => {
      const problem = profileFieldProblem(key, value)
      const { [key]: _old, ...rest } = current
      return problem === null ? rest : { ...rest, [key]: problem }
    })

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    if (profile === null || saving) return
    const found: Partial<Record<ProfileFieldKey, string>> = {}
    for (const { key } of PROFILE_FIELDS) {
      const problem = profileFieldProblem(key, profile[key])
      if (problem !== null) found[key] = problem
    }
    setProblems(found)
    if (Object.keys(found).length > 0) return
    setSaving(true)
    setError(await saveProfile(profile))
    setSaving(false)
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} aria-busy={saving || profile === null}>
      <header className="dialog-header">
        <h2 id="profile-title">Profile</h2>
        <p className="dialog-subtitle">Who publishes what you export, in every library</p>
      </header>
      <div className="dialog-body confirm-dialog-body profile-fields">
        {PROFILE_FIELDS.map(({ key, label, kind }, index) => {
          const id = `${baseId}-${key}`
          const problem = problems[key]
          return (
            <div className="field" key={key}>
              <label className="field-caption" htmlFor={id}>
                {label}
              </label>
              <input
                id={id}
                className="text-field"
                type={kind === 'url' ? 'url' : 'text'}
                inputMode={kind === 'url' ? 'url' : undefined}
                placeholder={kind === 'url' ? 'https://' : undefined}
                autoFocus={index === 0}
                value={profile?.[key] ?? ''}
                disabled={profile === null}
                aria-invalid={problem !== undefined}
                aria-describedby={`${id}-hint`}
                onChange={(event) => {
                  const value = event.currentTarget.value
                  setProfile((current) =>
                    current === null ? current : { ...current, [key]: value },
                  )
                  if (problem !== undefined) check(key, value)
                }}
                onBlur={(event) => check(key, event.currentTarget.value)}
              />
              <span
                id={`${id}-hint`}
                className={problem !== undefined ? 'field-hint field-error' : 'field-hint'}
              >
                {problem ?? HINTS[key]}
              </span>
            </div>
          )
        })}
        {error !== null && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <footer className="dialog-footer">
        <span className="dialog-status" role="status">
          {saving ? 'Saving…' : ''}
        </span>
        <button type="button" className="button" disabled={saving} onClick={closeProfile}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={saving || profile === null}>
          Save profile
        </button>
      </footer>
    </form>
  )
}
