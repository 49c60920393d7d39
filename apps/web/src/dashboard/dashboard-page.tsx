import { QueryError } from '../ui/query-error.tsx';
import { BannedPerJail } from './banned-per-jail.tsx';
import { BansOverTime } from './bans-over-time.tsx';
import { useFail2banReady } from './dashboard-queries.ts';
import { LiveActivity } from './live-activity.tsx';

/** The landing page: what is banned now, how bans evolve, and what just happened. */
export function DashboardPage() {
  const ready = useFail2banReady();
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">Dashboard</h1>
      {/* One banner for "fail2ban offline": the jail counts' own 503 would only repeat it. */}
      <QueryError error={ready.error} showsOldData />
      <div className="dashboard-grid">
        <div className="dashboard-main">
          <BansOverTime />
        </div>
        <div className="dashboard-side">
          <BannedPerJail />
          <LiveActivity />
        </div>
      </div>
    </section>
  );
}
