# syntax=docker/dockerfile:1
# Container images of the gateway (default target) and the reference control plane
# (`--target control-plane`): one build stage, then runtime stages that hold only the
# `pnpm deploy --prod` output of one app on a distroless Node LTS base, run as uid 65532.
# CI cannot build images here; charts/test/image-content.test.ts runs the same deploy command.

ARG NODE_BUILD_IMAGE=node:24-bookworm-slim
ARG NODE_RUNTIME_IMAGE=gcr.io/distroless/nodejs24-debian12:nonroot

FROM ${NODE_BUILD_IMAGE} AS build
ENV CI=true
# tini-static is copied into the runtime images: PID 1 that forwards SIGTERM and reaps zombies.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini=0.19.0-1+b3 \
  && rm -rf /var/lib/apt/lists/*
RUN npm install -g pnpm@12.21.0
WORKDIR /src
# Dependencies first, from the lockfile alone, so source edits keep this layer cached.
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json .npmrc ./
RUN pnpm fetch
COPY . .
RUN pnpm install --offline --frozen-lockfile \
  && pnpm build
RUN pnpm --filter @gw/gateway deploy --prod /out/gateway \
  && pnpm --filter @gw/control-plane deploy --prod /out/control-plane

FROM ${NODE_RUNTIME_IMAGE} AS control-plane
COPY --from=build /usr/bin/tini-static /usr/bin/tini
WORKDIR /app
COPY --from=build /out/control-plane /app
ENV NODE_ENV=production \
  ENVIRONMENT=production \
  CONTROL_PLANE_ADDR=:5560 \
  CONTROL_PLANE_DATA_DIR=/data
USER 65532:65532
EXPOSE 5560
ENTRYPOINT ["/usr/bin/tini", "--", "/nodejs/bin/node"]
CMD ["dist/main.js"]

FROM ${NODE_RUNTIME_IMAGE} AS gateway
COPY --from=build /usr/bin/tini-static /usr/bin/tini
WORKDIR /app
COPY --from=build /out/gateway /app
# Production defaults (secrets required, pre-drain wait on); /tmp is the only writable path
# the gateway needs (the spend spool), mounted as an emptyDir by the chart.
ENV NODE_ENV=production \
  ENVIRONMENT=production \
  SERVER_ADDR=:5563 \
  TMPDIR=/tmp
USER 65532:65532
EXPOSE 5563
ENTRYPOINT ["/usr/bin/tini", "--", "/nodejs/bin/node", "--max-semi-space-size=8", "--single-threaded-gc"]
CMD ["dist/main.js"]
