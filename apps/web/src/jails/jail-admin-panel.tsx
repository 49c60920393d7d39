import './jail-admin.css';
import type { JailDetail } from '../api/types.ts';
import { IgnoreIpEditor } from './ignoreip-editor.tsx';
import { JailControls } from './jail-controls.tsx';
import { SettingsEditor } from './settings-editor.tsx';

interface JailAdminPanelProps {
  jail: string;
  /** undefined while loading, or when the jail is not running (stopped: 404) */
  detail: JailDetail | undefined;
  /** fail2ban answered that it has no such jail: it may be stopped */
  notRunning: boolean;
  /** start/stop/reload and the settings editors (admins); default true */
  mayAdminister?: boolean;
  /** the ignore list editor (operators and admins); default true */
  mayEditIgnoreList?: boolean;
}

/** Everything that changes a jail, with the note that runtime changes do not persist. */
export function JailAdminPanel(props: JailAdminPanelProps) {
  const { jail, detail, notRunning, mayAdminister = true, mayEditIgnoreList = true } = props;
  if (!mayAdminister && !mayEditIgnoreList) return null;
  return (
    <div className="jail-admin" data-testid="jail-admin">
      {mayAdminister && (detail || notRunning) && (
        <JailControls jail={jail} running={!notRunning} />
      )}
      {detail && (mayAdminister || mayEditIgnoreList) && (
        <p className="notice" data-testid="not-persisted-note">
          Changes made here apply to the running fail2ban only: they are not written to jail.local
          and are lost at the next fail2ban reload or restart.
        </p>
      )}
      {detail && mayAdminister && <SettingsEditor jail={jail} settings={detail.settings} />}
      {detail && mayEditIgnoreList && (
        <IgnoreIpEditor jail={jail} ignoreip={detail.settings.ignoreip} />
      )}
    </div>
  );
}
