/work/main/target-check/release/deps/precomputed_hash-424e2ff9dbb4c1a1.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/precomputed-hash-0.1.1/src/lib.rs

/work/main/target-check/release/deps/libprecomputed_hash-424e2ff9dbb4c1a1.rlib: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/precomputed-hash-0.1.1/src/lib.rs

/work/main/target-check/release/deps/libprecomputed_hash-424e2ff9dbb4c1a1.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/precomputed-hash-0.1.1/src/lib.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/precomputed-hash-0.1.1/src/lib.rs:
