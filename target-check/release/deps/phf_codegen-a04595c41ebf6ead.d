/work/main/target-check/release/deps/phf_codegen-a04595c41ebf6ead.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/phf_codegen-0.14.0/src/lib.rs

/work/main/target-check/release/deps/libphf_codegen-a04595c41ebf6ead.rlib: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/phf_codegen-0.14.0/src/lib.rs

/work/main/target-check/release/deps/libphf_codegen-a04595c41ebf6ead.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/phf_codegen-0.14.0/src/lib.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/phf_codegen-0.14.0/src/lib.rs:
