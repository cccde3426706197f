/work/main/target-check/release/deps/web_atoms-3ca9f5cb17f2262c.d: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/web_atoms-0.3.0/lib.rs /work/main/target-check/release/build/web_atoms-d8aafbede0d070fa/out/named_entities.rs /work/main/target-check/release/build/web_atoms-d8aafbede0d070fa/out/generated.rs

/work/main/target-check/release/deps/libweb_atoms-3ca9f5cb17f2262c.rlib: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/web_atoms-0.3.0/lib.rs /work/main/target-check/release/build/web_atoms-d8aafbede0d070fa/out/named_entities.rs /work/main/target-check/release/build/web_atoms-d8aafbede0d070fa/out/generated.rs

/work/main/target-check/release/deps/libweb_atoms-3ca9f5cb17f2262c.rmeta: /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/web_atoms-0.3.0/lib.rs /work/main/target-check/release/build/web_atoms-d8aafbede0d070fa/out/named_entities.rs /work/main/target-check/release/build/web_atoms-d8aafbede0d070fa/out/generated.rs

/root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/web_atoms-0.3.0/lib.rs:
/work/main/target-check/release/build/web_atoms-d8aafbede0d070fa/out/named_entities.rs:
/work/main/target-check/release/build/web_atoms-d8aafbede0d070fa/out/generated.rs:

# env-dep:OUT_DIR=/work/main/target-check/release/build/web_atoms-d8aafbede0d070fa/out
