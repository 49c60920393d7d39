// The common Node answer to "sessions in PostgreSQL": express + express-session +
// connect-pg-simple, serving the same authenticated GET as BanGUI's /api/auth/me.
// GET /login creates a session; GET /me answers 401 without one.
import connectPgSimple from 'connect-pg-simple';
import express from 'express';
import session from 'express-session';

const PgStore = connectPgSimple(session);
const app = express();
app.use(
  session({
    store: new PgStore({ conString: process.env.DATABASE_URL, createTableIfMissing: true }),
    secret: 'bench-secret-bench-secret',
    // Defaults most tutorials use; rolling keeps the inactivity expiry sliding like BanGUI's.
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', maxAge: 30 * 60_000 },
  }),
);
app.get('/login', (req, res) => {
  req.session.user = 'admin';
  res.json({ user: { name: 'admin' } });
});
app.get('/me', (req, res) => {
  if (!req.session.user) return res.status(401).json({ error: 'unauthenticated' });
  res.json({ user: { name: req.session.user } });
});
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`LISTENING ${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
