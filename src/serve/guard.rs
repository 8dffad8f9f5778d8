//! What a request may carry: no path that climbs ("..", in any encoding), no backslash, no
//! encoded slash, no NUL; parameters of bounded size. The server never opens a file named by a
//! URL (reports are read from the index), so this is defence in depth, applied to every route
//! before any handler sees a path parameter.

use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::{Failure, MAX_PARAM, MAX_QUERY};

/// Why a raw request path is refused, if it is.
pub fn refusal(raw_path: &str) -> Option<&'static str> {
    let lower = raw_path.to_ascii_lowercase();
    // encoded dots, slashes, backslashes, NUL and percent signs (double encoding) are never part
    // of a URL this server writes
    for bad in ["%2e", "%2f", "%5c", "%00", "%25", "\\"] {
        if lower.contains(bad) {
            return Some("đường dẫn không hợp lệ (ký tự mã hóa bị cấm)");
        }
    }
    let decoded = percent_encoding::percent_decode_str(raw_path).decode_utf8_lossy();
    if decoded
        .split('/')
        .any(|seg| seg == ".." || seg == "." || seg.contains('\0'))
    {
        return Some("đường dẫn không hợp lệ (“..” bị cấm)");
    }
    if raw_path.len() > 4 * MAX_PARAM {
        return Some("đường dẫn quá dài");
    }
    None
}

pub async fn refuse_traversal(req: Request, next: Next) -> Response {
    if let Some(why) = refusal(req.uri().path()) {
        return super::pages::failure_page(Failure::bad(why));
    }
    if req.uri().query().is_some_and(|q| q.len() > 4 * MAX_QUERY) {
        return (StatusCode::PAYLOAD_TOO_LARGE, "câu hỏi quá dài").into_response();
    }
    next.run(req).await
}

/// A search text within bounds.
pub fn query_text(q: &str) -> Result<&str, Failure> {
    if q.len() > MAX_QUERY {
        return Err(Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("câu tìm kiếm quá dài (tối đa {MAX_QUERY} byte)"),
        ));
    }
    Ok(q)
}

/// Any other parameter within bounds.
pub fn param(p: &str) -> Result<&str, Failure> {
    if p.len() > MAX_PARAM {
        return Err(Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("tham số quá dài (tối đa {MAX_PARAM} byte)"),
        ));
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::refusal;

    #[test]
    fn climbing_paths_are_refused() {
        for p in [
            "/reports/../etc/passwd",
            "/reports/%2e%2e/etc/passwd",
            "/reports/%2E%2E%2Fetc",
            "/reports/.%2e/x",
            "/documents/a%2fb",
            "/reports/..\\..\\x",
            "/reports/%5c..",
            "/reports/%252e%252e/x",
            "/reports/a/./b",
            "/reports/a%00b",
        ] {
            assert!(refusal(p).is_some(), "{p}");
        }
        for p in [
            "/documents/25-NQ/TW@2013",
            "/documents/310/KH-UBND@2024%20%C4%90%E1%BB%93ng%20Th%C3%A1p",
            "/documents/66.4/2025/NQ-CP",
            "/reports/corpus/000_c8577e363f659059.txt",
        ] {
            assert!(refusal(p).is_none(), "{p}");
        }
    }
}
