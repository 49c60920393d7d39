# syntax=docker/dockerfile:1.7
# BanGUI web app (static files) behind nginx, proxying the API to the backend.
# Build from the repository root:
#   docker build -f infra/docker/web.Dockerfile -t bangui-web .

ARG NODE_IMAGE=node:20-bookworm-slim
ARG NGINX_IMAGE=nginxinc/nginx-unprivileged:1.28-alpine

# ---------------------------------------------------------------------------
# build: vite, nothing else. Install scripts are skipped: the web build needs no
# native addon (better-sqlite3, pulled in through the server's types, is never
# loaded here), so this stage needs no compiler.
FROM ${NODE_IMAGE} AS build
ENV PNPM_HOME=/pnpm CI=true
ENV PATH=$PNPM_HOME:$PATH
WORKDIR /src
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
RUN corepack enable \
 && corepack prepare --activate "$(node -p 'require("./package.json").packageManager')"
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm fetch
COPY . .
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --offline --ignore-scripts --filter "@bangui/web..."
RUN pnpm --filter @bangui/web build

# ---------------------------------------------------------------------------
# runtime: nginx as an unprivileged user (uid 101) on port 8080.
FROM ${NGINX_IMAGE} AS runtime
# The upstream is filled in at start by the image's envsubst step
# (/etc/nginx/templates/*.template -> /etc/nginx/conf.d/). Only variables that
# are set are substituted, so nginx's own $variables are left alone.
ENV BANGUI_BACKEND=backend:8080 \
    NGINX_ENTRYPOINT_LOCAL_RESOLVERS=1
COPY infra/docker/nginx/default.conf.template /etc/nginx/templates/default.conf.template
COPY infra/docker/nginx/security-headers.conf /etc/nginx/snippets/security-headers.conf
COPY infra/docker/nginx/proxy.conf /etc/nginx/snippets/proxy.conf
COPY --from=build /src/apps/web/dist /usr/share/nginx/html
EXPOSE 8080
# Checks nginx itself (a location answered locally), not the backend: the
# backend has its own healthcheck. busybox wget ships with the alpine image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/nginx-healthz"]
# The base image's entrypoint renders the templates, then execs nginx (PID 1
# receives SIGTERM/SIGQUIT directly).
CMD ["nginx", "-g", "daemon off;"]
