//! Bytes → text: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK, detected.

use hezhang_core::InputError;

/// True when the bytes look like a binary file rather than text.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.starts_with(b"%PDF")
        || sample.starts_with(b"PK\x03\x04")
        || sample.starts_with(b"\xD0\xCF\x11\xE0")
    {
        return true;
    }
    let ctrl = sample
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)))
        .count();
    ctrl * 100 > sample.len().max(1)
}

/// Decode a text file. UTF-8 first (a BOM is dropped); otherwise GB18030 when it decodes
/// without error; otherwise the input is treated as binary.
pub fn decode(bytes: &[u8]) -> Result<String, InputError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(InputError::Empty);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return decode_utf16(bytes);
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if looks_binary(body) {
        return Err(InputError::Binary);
    }
    match std::str::from_utf8(body) {
        Ok(s) => return Ok(s.to_string()),
        // A UTF-8 file cut inside its last character (a truncated download or copy): keep the
        // text before the cut rather than calling the file binary.
        Err(e) if e.error_len().is_none() && !body[..e.valid_up_to()].is_ascii() => {
            return Ok(String::from_utf8_lossy(&body[..e.valid_up_to()]).into_owned());
        }
        Err(_) => {}
    }
    gb18030(body)
}

#[cfg(feature = "encodings")]
fn gb18030(body: &[u8]) -> Result<String, InputError> {
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(body);
    if !had_errors {
        return Ok(text.into_owned());
    }
    // A GB18030 file cut inside its last character (at most 3 bytes of a 4-byte sequence).
    for cut in 1..=3.min(body.len()) {
        let (text, had_errors) =
            encoding_rs::GB18030.decode_without_bom_handling(&body[..body.len() - cut]);
        if !had_errors {
            return Ok(text.into_owned());
        }
    }
    Err(InputError::Binary)
}

#[cfg(not(feature = "encodings"))]
fn gb18030(_body: &[u8]) -> Result<String, InputError> {
    Err(InputError::Binary)
}

fn decode_utf16(bytes: &[u8]) -> Result<String, InputError> {
    let le = bytes[0] == 0xFF;
    let units: Vec<u16> = bytes[2..]
        .chunks_exact(2)
        .map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        })
        .collect();
    String::from_utf16(&units).map_err(|_| InputError::Binary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_and_gb18030() {
        assert_eq!(decode("\u{feff}合计".as_bytes()).unwrap(), "合计");
        #[cfg(feature = "encodings")]
        {
            let (gb, _, _) =
                encoding_rs::GB18030.encode("部门名称：晋城市政务服务中心\n合计\t1.00");
            assert_eq!(
                decode(&gb).unwrap(),
                "部门名称：晋城市政务服务中心\n合计\t1.00"
            );
        }
        assert_eq!(decode(b"   \n"), Err(InputError::Empty));
        // Truncated inside the last character: the text before the cut is kept.
        let cut = "合计\t1.00\n服务".as_bytes();
        assert_eq!(decode(&cut[..cut.len() - 1]).unwrap(), "合计\t1.00\n服");
        #[cfg(feature = "encodings")]
        {
            let (gb, _, _) = encoding_rs::GB18030.encode("合计\t1.00\n服务");
            assert_eq!(decode(&gb[..gb.len() - 1]).unwrap(), "合计\t1.00\n服");
        }
        assert_eq!(
            decode(&[0u8, 1, 2, 3, 0, 0, 0, 9, 200, 3]),
            Err(InputError::Binary)
        );
    }
}
