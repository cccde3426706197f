/work/main/target-check/release/deps/presslens_train_clean-9df237fb1342f7e1.d: src/bin/presslens-train-clean/main.rs src/bin/presslens-train-clean/align.rs src/bin/presslens-train-clean/gbdt.rs

/work/main/target-check/release/deps/presslens_train_clean-9df237fb1342f7e1: src/bin/presslens-train-clean/main.rs src/bin/presslens-train-clean/align.rs src/bin/presslens-train-clean/gbdt.rs

src/bin/presslens-train-clean/main.rs:
src/bin/presslens-train-clean/align.rs:
src/bin/presslens-train-clean/gbdt.rs:
