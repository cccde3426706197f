/work/main/target-check/release/deps/fastrand-5ef96dd34b2bb018.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/fastrand-2.5.0/src/lib.rs

/work/main/target-check/release/deps/libfastrand-5ef96dd34b2bb018.rlib: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/fastrand-2.5.0/src/lib.rs

/work/main/target-check/release/deps/libfastrand-5ef96dd34b2bb018.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/fastrand-2.5.0/src/lib.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/fastrand-2.5.0/src/lib.rs:
