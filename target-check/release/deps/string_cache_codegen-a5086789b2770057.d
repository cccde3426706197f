/work/main/target-check/release/deps/string_cache_codegen-a5086789b2770057.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/string_cache_codegen-0.11.2/lib.rs

/work/main/target-check/release/deps/libstring_cache_codegen-a5086789b2770057.rlib: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/string_cache_codegen-0.11.2/lib.rs

/work/main/target-check/release/deps/libstring_cache_codegen-a5086789b2770057.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/string_cache_codegen-0.11.2/lib.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/string_cache_codegen-0.11.2/lib.rs:
