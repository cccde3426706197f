//! The JS API in node: `cargo test --target wasm32-unknown-unknown --no-default-features --test wasm_node`.
#![cfg(target_arch = "wasm32")]

mod wasm_common;

use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn utf16_offsets_by_default() {
    wasm_common::utf16_offsets_by_default();
}

#[wasm_bindgen_test]
fn codepoint_offsets_on_request() {
    wasm_common::codepoint_offsets_on_request();
}

#[wasm_bindgen_test]
fn bytes_are_decoded_and_errors_are_per_document() {
    wasm_common::bytes_are_decoded_and_errors_are_per_document();
}

#[wasm_bindgen_test]
fn bad_arguments_are_js_errors() {
    wasm_common::bad_arguments_are_js_errors();
}
