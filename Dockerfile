# Multi-stage build of the release binary; minimal, non-root runtime image.
#   docker build -t ghcr.io/phigate/phigate:0.1.0 .
# (No Docker daemon on the development machines: see README "Release".)
FROM rust:1-bookworm AS build
WORKDIR /src
# the build packages, from the script the development machines and CI use
COPY scripts/build-deps.sh scripts/
RUN bash scripts/build-deps.sh && rm -rf /var/lib/apt/lists/*
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
