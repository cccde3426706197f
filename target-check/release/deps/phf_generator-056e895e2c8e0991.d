/work/main/target-check/release/deps/phf_generator-056e895e2c8e0991.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/phf_generator-0.14.0/src/lib.rs

/work/main/target-check/release/deps/libphf_generator-056e895e2c8e0991.rlib: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/phf_generator-0.14.0/src/lib.rs

/work/main/target-check/release/deps/libphf_generator-056e895e2c8e0991.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/phf_generator-0.14.0/src/lib.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/phf_generator-0.14.0/src/lib.rs:
