# syntax=docker/dockerfile:1.7
# BanGUI backend image. Build from the repository root:
#   docker build -f infra/docker/server.Dockerfile -t bangui-server .
# The workspace packages export TypeScript sources (no compile step): the image
# runs them through tsx, a runtime dependency of @bangui/server.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------
# build: install the workspace, build the web app, and `pnpm deploy` the server
# with its production dependencies only into /out/server.
FROM ${NODE_IMAGE} AS build
# better-sqlite3 compiles from source (node-gyp): it needs python3, make and g++.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
ENV PNPM_HOME=/pnpm CI=true
ENV PATH=$PNPM_HOME:$PATH
WORKDIR /src
# The manifests first, so the dependency layers are cached until the lockfile changes.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
# The repository's .npmrc says nodedir=/usr (Debian's nodejs puts its headers in
# /usr/include/node). The official node image installs Node under /usr/local,
# so node-gyp must look there for the headers instead.
RUN sed -i 's|^nodedir=.*|nodedir=/usr/local|' .npmrc \
 && corepack enable \
 && corepack prepare --activate "$(node -p 'require("./package.json").packageManager')"
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm fetch
COPY . .
RUN sed -i 's|^nodedir=.*|nodedir=/usr/local|' .npmrc
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --offline
# The server serves the built web app too, so this image also works without
# the nginx frontend (BANGUI_WEB_DIR below).
RUN pnpm --filter @bangui/web build
# pnpm 10 deploys only with injected workspace packages: the workspace's own
# packages are copied into node_modules (not symlinked to /src), so /out/server
# is self-contained. The lockfile is unchanged by this flag.
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm --config.inject-workspace-packages=true --filter @bangui/server \
      deploy --prod /out/server \
 && cp -r apps/web/dist /out/server/web \
 && rm -rf /out/server/test /out/server/vitest.config.ts

# ---------------------------------------------------------------------------
# runtime: Node, the deployed server and nothing else (no compiler, no pnpm, no npm
# in the process tree).
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    BANGUI_HOST=0.0.0.0 \
    BANGUI_PORT=8080 \
    BANGUI_DATA_DIR=/var/lib/bangui \
    BANGUI_WEB_DIR=/app/web \
    BANGUI_FAIL2BAN_SOCKET=/var/run/fail2ban/fail2ban.sock
WORKDIR /app
COPY --from=build /out/server /app
RUN mkdir -p /var/lib/bangui && chmod 0700 /var/lib/bangui
VOLUME ["/var/lib/bangui"]
# Root on purpose: fail2ban's control socket is root-owned with mode 0700, and
# whoever can write to it can make fail2ban run its actions, i.e. is root
# anyway. Never loosen the socket's mode to run BanGUI as another user. The
# compose files take away every capability (cap_drop: ALL), forbid privilege
# gain and make the root filesystem read-only instead.
USER 0:0
EXPOSE 8080
# Liveness through Node's own fetch: no curl in the image. BANGUI_HOST is
# 0.0.0.0 here, so the loopback address reaches the listener.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.BANGUI_PORT||8080)+'/livez').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form with node itself: no shell and no npm in between, so the SIGTERM of
# `docker stop` reaches BanGUI, which closes the server, the jobs and the
# journal before exiting (main.ts handles SIGTERM and SIGINT, which matters
# when node is PID 1; compose adds `init: true` to reap any grandchildren).
ENTRYPOINT ["node", "--import", "tsx", "src/main.ts"]
