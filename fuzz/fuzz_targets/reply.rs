//! The ingest worker's replies as the page decodes them (any text): no panic, and whatever
//! decodes encodes back to the same text's meaning (decode ∘ encode is the identity on replies).
#![no_main]

use hezhang_ingest::protocol::Reply;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Some(r) = Reply::decode(text) {
        let wire = r.encode();
        let again = Reply::decode(&wire).expect("an encoded reply decodes");
        assert_eq!(again.encode(), wire);
    }
});
