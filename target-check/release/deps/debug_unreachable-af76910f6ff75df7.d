/work/main/target-check/release/deps/debug_unreachable-af76910f6ff75df7.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/new_debug_unreachable-1.0.6/src/lib.rs

/work/main/target-check/release/deps/libdebug_unreachable-af76910f6ff75df7.rlib: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/new_debug_unreachable-1.0.6/src/lib.rs

/work/main/target-check/release/deps/libdebug_unreachable-af76910f6ff75df7.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/new_debug_unreachable-1.0.6/src/lib.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/new_debug_unreachable-1.0.6/src/lib.rs:
