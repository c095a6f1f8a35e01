# rasoat in a container: docker build -t rasoat .
#   docker run --rm -v "$PWD:/src" -w /src rasoat check .
FROM rust:slim AS build
WORKDIR /build
COPY . .
RUN cargo install --locked --path . --root /usr/local

FROM debian:stable-slim
COPY --from=build /usr/local/bin/rasoat /usr/local/bin/rasoat
# --changed-since and REV:PATH read git history.
RUN apt-get update \
    && apt-get install -y --no-install-recommends git ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && git config --system --add safe.directory '*'
WORKDIR /src
ENTRYPOINT ["rasoat"]
CMD ["check", "."]
