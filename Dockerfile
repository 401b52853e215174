# Multi-stage build of the release binary; minimal, non-root runtime image.
#   docker build -t ghcr.io/phigate/phigate:0.1.0 .
# (No Docker daemon on the development machines: see README "Release".)
FROM rust:1-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends cmake libcurl4-openssl-dev \
      libssl-dev libsasl2-dev zlib1g-dev pkg-config && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cargo build --release --locked && strip target/release/phigate

FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /src/target/release/phigate /usr/local/bin/phigate
# the release binary links libssl/libcrypto dynamically (TLS to brokers)
COPY --from=build /usr/lib/x86_64-linux-gnu/libssl.so.3 /usr/lib/x86_64-linux-gnu/libcrypto.so.3 /lib/x86_64-linux-gnu/libz.so.1 /usr/lib/x86_64-linux-gnu/
USER 65532:65532
EXPOSE 9898
ENTRYPOINT ["/usr/local/bin/phigate"]
CMD ["--help"]
