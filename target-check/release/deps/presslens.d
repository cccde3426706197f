/work/main/target-check/release/deps/presslens.d: src/lib.rs src/aggregate.rs src/calendar.rs src/clean/mod.rs src/clean/features.rs src/clean/meta.rs src/clean/model.rs src/clean/rules.rs src/decode.rs src/error.rs src/resolve/mod.rs src/resolve/entities.rs src/resolve/quotes.rs src/schema.rs src/segment/mod.rs src/segment/html.rs src/segment/jsonld.rs src/segment/markdown.rs src/tag/mod.rs src/tag/acronyms.rs src/tag/institutions.rs src/tag/brown.rs src/tag/features.rs src/tag/lexicon.rs src/tag/model.rs src/tag/numeric.rs src/tag/places.rs src/tag/train.rs src/tokenize.rs src/clean/../../models/clean-text.model src/clean/../../models/clean-html.model src/resolve/aliases.tsv src/tag/../../models/ner.model

/work/main/target-check/release/deps/libpresslens.so: src/lib.rs src/aggregate.rs src/calendar.rs src/clean/mod.rs src/clean/features.rs src/clean/meta.rs src/clean/model.rs src/clean/rules.rs src/decode.rs src/error.rs src/resolve/mod.rs src/resolve/entities.rs src/resolve/quotes.rs src/schema.rs src/segment/mod.rs src/segment/html.rs src/segment/jsonld.rs src/segment/markdown.rs src/tag/mod.rs src/tag/acronyms.rs src/tag/institutions.rs src/tag/brown.rs src/tag/features.rs src/tag/lexicon.rs src/tag/model.rs src/tag/numeric.rs src/tag/places.rs src/tag/train.rs src/tokenize.rs src/clean/../../models/clean-text.model src/clean/../../models/clean-html.model src/resolve/aliases.tsv src/tag/../../models/ner.model

/work/main/target-check/release/deps/libpresslens.rlib: src/lib.rs src/aggregate.rs src/calendar.rs src/clean/mod.rs src/clean/features.rs src/clean/meta.rs src/clean/model.rs src/clean/rules.rs src/decode.rs src/error.rs src/resolve/mod.rs src/resolve/entities.rs src/resolve/quotes.rs src/schema.rs src/segment/mod.rs src/segment/html.rs src/segment/jsonld.rs src/segment/markdown.rs src/tag/mod.rs src/tag/acronyms.rs src/tag/institutions.rs src/tag/brown.rs src/tag/features.rs src/tag/lexicon.rs src/tag/model.rs src/tag/numeric.rs src/tag/places.rs src/tag/train.rs src/tokenize.rs src/clean/../../models/clean-text.model src/clean/../../models/clean-html.model src/resolve/aliases.tsv src/tag/../../models/ner.model

src/lib.rs:
src/aggregate.rs:
src/calendar.rs:
src/clean/mod.rs:
src/clean/features.rs:
src/clean/meta.rs:
src/clean/model.rs:
src/clean/rules.rs:
src/decode.rs:
src/error.rs:
src/resolve/mod.rs:
src/resolve/entities.rs:
src/resolve/quotes.rs:
src/schema.rs:
src/segment/mod.rs:
src/segment/html.rs:
src/segment/jsonld.rs:
src/segment/markdown.rs:
src/tag/mod.rs:
src/tag/acronyms.rs:
src/tag/institutions.rs:
src/tag/brown.rs:
src/tag/features.rs:
src/tag/lexicon.rs:
src/tag/model.rs:
src/tag/numeric.rs:
src/tag/places.rs:
src/tag/train.rs:
src/tokenize.rs:
src/clean/../../models/clean-text.model:
src/clean/../../models/clean-html.model:
src/resolve/aliases.tsv:
src/tag/../../models/ner.model:

# env-dep:CARGO_PKG_VERSION=0.1.0
