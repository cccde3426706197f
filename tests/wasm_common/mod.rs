//! The exported JS API, checked the same way in node (`wasm_node.rs`) and in headless Chromium
//! (`wasm_browser.rs`): one call per document set, UTF-16 offsets that index JS strings, bytes
//! decoded, clear errors for bad arguments, and an object that deserialises back into `Analysis`.

use js_sys::{Array, Object, Reflect, Uint8Array};
use presslens::schema::Analysis;
use presslens::wasm::{analyze, AnalyzeOptions, DocumentInputs};
use wasm_bindgen::{JsCast, JsValue};

fn doc(name: &str, key: &str, value: &JsValue) -> JsValue {
    let o = Object::new();
    Reflect::set(&o, &"name".into(), &name.into()).unwrap();
    Reflect::set(&o, &key.into(), value).unwrap();
    o.into()
}

fn docs(list: &[JsValue]) -> DocumentInputs {
    list.iter().collect::<Array>().unchecked_into()
}

fn options(json: &str) -> Option<AnalyzeOptions> {
    Some(js_sys::JSON::parse(json).unwrap().unchecked_into())
}

fn run(list: &[JsValue], opts: Option<AnalyzeOptions>) -> Analysis {
    let value = analyze(docs(list), opts).map_err(JsValue::from).unwrap();
    serde_wasm_bindgen::from_value(value.into()).unwrap()
}

const TEXT: &str = "Zoë 😀 and the other café owners paid ₹900 each for the permit in Zürich on Tuesday.\n\n\
                    \"We will pay again if we have to,\" the café owners said in a statement on Wednesday.";

/// Every mention and quote, cut from the body with the given unit, reads as its text.
fn assert_offsets_index(analysis: &Analysis, cut: impl Fn(&str, usize, usize) -> String) {
    let article = &analysis.articles[0];
    assert!(!article.entities.is_empty());
    for e in &article.entities {
        for m in &e.mentions {
            assert_eq!(cut(&article.body, m.start, m.end), m.text);
        }
    }
    for q in &article.quotes {
        assert_eq!(cut(&article.body, q.start, q.end), q.text);
    }
}

pub fn utf16_offsets_by_default() {
    let analysis = run(&[doc("a.txt", "text", &TEXT.into())], None);
    assert_eq!(analysis.offsets, presslens::schema::OffsetUnit::Utf16);
    assert_offsets_index(&analysis, |body, s, e| {
        let units: Vec<u16> = body.encode_utf16().collect();
        String::from_utf16(&units[s..e]).unwrap()
    });
    let money = analysis.articles[0]
        .entities
        .iter()
        .find(|e| e.name == "₹900")
        .expect("₹900");
    let body16: Vec<u16> = analysis.articles[0].body.encode_utf16().collect();
    let prefix = String::from_utf16(&body16[..money.mentions[0].start]).unwrap();
    assert!(prefix.ends_with("paid "), "{prefix}");
}

pub fn codepoint_offsets_on_request() {
    let analysis = run(
        &[doc("a.txt", "text", &TEXT.into())],
        options(r#"{"offsets":"codepoint"}"#),
    );
    assert_offsets_index(&analysis, |body, s, e| body.chars().skip(s).take(e - s).collect());
}

pub fn bytes_are_decoded_and_errors_are_per_document() {
    let latin1: Vec<u8> =
        b"Caf\xe9 owners in the capital said prices would rise again this year, the third rise.".to_vec();
    let png = [0x89u8, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13];
    let analysis = run(
        &[
            doc("old.txt", "bytes", &Uint8Array::from(latin1.as_slice()).into()),
            doc("img.png", "bytes", &Uint8Array::from(png.as_slice()).into()),
        ],
        None,
    );
    assert!(
        analysis.articles[0].body.starts_with("Café owners"),
        "{}",
        analysis.articles[0].body
    );
    assert!(analysis.articles[0].notes.iter().any(|n| n.contains("Windows-1252")));
    assert!(analysis.articles[1]
        .error
        .as_deref()
        .is_some_and(|e| e.contains("binary")));
}

/// The message of the JS `Error` a call threw.
fn error_message<T>(result: Result<T, wasm_bindgen::JsError>) -> String {
    match result {
        Ok(_) => panic!("expected an error"),
        Err(e) => JsValue::from(e).unchecked_into::<js_sys::Error>().message().into(),
    }
}

pub fn bad_arguments_are_js_errors() {
    let not_a_list: DocumentInputs = JsValue::from_str("text").unchecked_into();
    assert!(error_message(analyze(not_a_list, None)).contains("array"));
    let no_text = docs(&[doc("a", "words", &"x".into())]);
    assert!(error_message(analyze(no_text, None)).contains("neither `text` nor `bytes`"));
    let bad_unit = options(r#"{"offsets":"miles"}"#);
    assert!(error_message(analyze(docs(&[doc("a", "text", &"x".into())]), bad_unit)).contains("miles"));
}
