/work/main/target-check/release/deps/string_cache-7a64bfdfea6dad9e.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/string_cache-0.11.0/src/lib.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/string_cache-0.11.0/src/atom.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/string_cache-0.11.0/src/dynamic_set.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/string_cache-0.11.0/src/static_sets.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/string_cache-0.11.0/src/trivial_impls.rs

/work/main/target-check/release/deps/libstring_cache-7a64bfdfea6dad9e.rlib: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/string_cache-0.11.0/src/lib.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/string_cache-0.11.0/src/atom.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/string_cache-0.11.0/src/dynamic_set.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/string_cache-0.11.0/src/static_sets.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/string_cache-0.11.0/src/trivial_impls.rs

/work/main/target-check/release/deps/libstring_cache-7a64bfdfea6dad9e.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/string_cache-0.11.0/src/lib.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/string_cache-0.11.0/src/atom.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/string_cache-0.11.0/src/dynamic_set.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/string_cache-0.11.0/src/static_sets.rs /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/string_cache-0.11.0/src/trivial_impls.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/string_cache-0.11.0/src/lib.rs:
/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/string_cache-0.11.0/src/atom.rs:
/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/string_cache-0.11.0/src/dynamic_set.rs:
/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/string_cache-0.11.0/src/static_sets.rs:
/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/string_cache-0.11.0/src/trivial_impls.rs:
