//! The JavaScript API: the only file that knows wasm-bindgen.
//!
//! `analyze(documents, options)` takes every document of a story in one call (one crossing of
//! the JS↔wasm boundary per set, never per token) and returns the [`Analysis`] as a plain JS
//! object whose offsets are UTF-16 units unless `options.offsets` says otherwise, so they index
//! JS strings directly. The TypeScript shape of that object is `src/schema.d.ts`, shipped inside
//! the generated `presslens.d.ts`.

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::schema::{OffsetUnit, Options};
use crate::Input;

#[wasm_bindgen(typescript_custom_section)]
const SCHEMA_TS: &str = include_str!("schema.d.ts");

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "DocumentInput[]")]
    pub type DocumentInputs;
    #[wasm_bindgen(typescript_type = "AnalyzeOptions")]
    pub type AnalyzeOptions;
    #[wasm_bindgen(typescript_type = "Analysis")]
    pub type AnalysisObject;

    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| console_error(&format!("presslens: {info}"))));
}

/// The presslens version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Analyses a set of documents (`{name, text}` or `{name, bytes}` each) as one story.
#[wasm_bindgen]
pub fn analyze(documents: DocumentInputs, options: Option<AnalyzeOptions>) -> Result<AnalysisObject, JsError> {
    let options = read_options(options)?;
    let list: Array = documents
        .dyn_into()
        .map_err(|_| JsError::new("analyze() takes an array of {name, text} or {name, bytes} objects"))?;
    let mut names = Vec::with_capacity(list.length() as usize);
    let mut contents = Vec::with_capacity(list.length() as usize);
    for (i, doc) in list.iter().enumerate() {
        let name = Reflect::get(&doc, &"name".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| format!("document {}", i + 1));
        let bytes = Reflect::get(&doc, &"bytes".into())
            .ok()
            .filter(|b| b.is_instance_of::<Uint8Array>());
        let content = match bytes {
            Some(b) => b.unchecked_into::<Uint8Array>().to_vec(),
            None => Reflect::get(&doc, &"text".into())
                .ok()
                .and_then(|t| t.as_string())
                .ok_or_else(|| JsError::new(&format!("document {} ({name}) has neither `text` nor `bytes`", i + 1)))?
                .into_bytes(),
        };
        names.push(name);
        contents.push(content);
    }
    let inputs: Vec<Input> = names
        .iter()
        .zip(&contents)
        .map(|(name, bytes)| Input { name, bytes })
        .collect();
    let analysis = crate::analyze(&inputs, &options);
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let value = serde::Serialize::serialize(&analysis, &serializer).map_err(into_error)?;
    Ok(value.unchecked_into())
}

/// Options from JS; offsets default to UTF-16 here, the unit JS strings count.
fn read_options(options: Option<AnalyzeOptions>) -> Result<Options, JsError> {
    let Some(options) = options.map(JsValue::from).filter(|o| !o.is_undefined() && !o.is_null()) else {
        return Ok(Options {
            offsets: OffsetUnit::Utf16,
            ..Options::default()
        });
    };
    let has_offsets = Reflect::has(&options, &"offsets".into()).unwrap_or(false);
    let mut parsed: Options = serde_wasm_bindgen::from_value(options).map_err(into_error)?;
    if !has_offsets {
        parsed.offsets = OffsetUnit::Utf16;
    }
    Ok(parsed)
}

fn into_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}
