//! Finding the few tokens the AST has no span for (`?`, `!`, `implements`, `private`, ...),
//! by reading the text between two nodes: only whitespace, comments and words lie there.

/// The offset and byte of the first character at or after `from` that is neither whitespace
/// nor inside a comment.
pub(super) fn next_token(text: &str, from: usize) -> Option<(usize, u8)> {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => at += 1,
            b'/' if bytes.get(at + 1) == Some(&b'/') => {
                at = text[at..].find('\n').map_or(bytes.len(), |newline| at + newline);
            }
            b'/' if bytes.get(at + 1) == Some(&b'*') => {
                at = text[at + 2..].find("*/").map_or(bytes.len(), |end| at + 2 + end + 2);
            }
            _ => return Some((at, byte)),
        }
    }
    None
}

/// The words (identifier-like runs) in `text[from..to]` outside comments, with their offsets.
pub(super) fn words(text: &str, from: usize, to: usize) -> Vec<(usize, &str)> {
    let to = to.min(text.len());
    let is_word_byte = |byte: u8| byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$';
    let mut found = Vec::new();
    let mut at = from;
    while let Some((start, _)) = next_token(text, at).filter(|&(start, _)| start < to) {
        let length = text.as_bytes()[start..to].iter().take_while(|&&byte| is_word_byte(byte)).count();
        if length > 0 {
            found.push((start, &text[start..start + length]));
        }
        at = start + if length > 0 { length } else { text[start..].chars().next().map_or(1, char::len_utf8) };
    }
    found
}
