//! Word 97–2003 (.doc): no maintained Rust reader exists, so `antiword` or `catdoc` when
//! installed.

use std::ffi::OsStr;

use super::{Converted, Format, converted, tools};

pub fn read(bytes: &[u8]) -> Result<Converted, String> {
    let tool = ["antiword", "catdoc"].into_iter().find(|t| tools::has(t));
    let Some(tool) = tool else {
        return Err(
            "a Word 97–2003 document (.doc) or another Office 97–2003 file; install \
                    antiword or catdoc to read it (apt-get install antiword)"
                .into(),
        );
    };
    let scratch = tools::Scratch::new()?;
    let input = scratch.file("in.doc", bytes)?;
    let args: Vec<&OsStr> = match tool {
        // -w 0: paragraphs on one line, as Word holds them
        "antiword" => vec![
            OsStr::new("-m"),
            OsStr::new("UTF-8.txt"),
            OsStr::new("-w"),
            OsStr::new("0"),
            input.as_os_str(),
        ],
        _ => vec![
            OsStr::new("-d"),
            OsStr::new("utf-8"),
            OsStr::new("-w"),
            input.as_os_str(),
        ],
    };
    let out = tools::run(tool, &args)
        .map_err(|e| format!("an Office 97–2003 file that {tool} cannot read ({e})"))?;
    let extractor = if tool == "antiword" {
        "antiword"
    } else {
        "catdoc"
    };
    Ok(converted(
        String::from_utf8_lossy(&out).into_owned(),
        Format::Doc,
        extractor,
    ))
}
