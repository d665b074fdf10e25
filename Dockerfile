# syntax=docker/dockerfile:1
# starttls-bot: the Slack bot (dist/slack/main.js), with the `starttls` CLI alongside.
#   docker build -t starttls-bot .
#   docker run --env-file .env -e METRICS_PORT=9464 -v starttls-data:/data starttls-bot
# docs/deployment.md explains the stages and the settings.

# Node 20 on Debian slim, with what better-sqlite3 needs to compile when no prebuilt
# binary fits (or none can be downloaded during the build).
FROM node:20-bookworm-slim AS toolchain
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app

# Compile TypeScript to dist/ and bundle the CLI (dev dependencies needed only here).
FROM toolchain AS build
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts/bundle-cli.js ./scripts/
RUN npm run build

# Production dependencies only; scripts skipped (`prepare` would build with tsc, which is not
# installed here), then better-sqlite3's own install step run alone (prebuilt binary or compile).
FROM toolchain AS deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts \
 && npm rebuild better-sqlite3 \
 && npm cache clean --force

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    STARTTLS_DATA_DIR=/data \
    PORT=3000 \
    METRICS_PORT=9464
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json manifest.yml ./
COPY bin ./bin
# The image's unprivileged `node` user (uid 1000) owns only the data directory.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
# 3000: Slack's requests in HTTP mode (and /healthz, /readyz, /metrics); 9464: /healthz, /readyz, /metrics.
EXPOSE 3000 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.METRICS_PORT || process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/slack/main.js"]
