//! How deeply a file's brackets nest, checked before oxc parses it. oxc's parser and the
//! visitors after it recurse once or more per level, with no limit of their own: a file of
//! `[[[[...]]]]` 100,000 deep would overflow the stack and crash ferry. Past `MAX_DEPTH`
//! the file is refused (QuickJS, with its own stack limit, refuses far shallower code).
//!
//! A light scan, not a parse: it skips comments, strings, template text and regular
//! expressions (a `/` starts one where an operand may start, the usual heuristic), and counts
//! `(`, `[`, `{` and `${` against their closers.

/// The deepest nesting accepted; `sources::load`'s thread has stack for many times this.
pub const MAX_DEPTH: usize = 20_000;

/// `Err(offset)`: the byte at which the nesting gets deeper than `MAX_DEPTH`.
pub fn check(text: &str) -> Result<(), usize> {
    let bytes = text.as_bytes();
    // The open brackets; `$` for a template's `${`, whose `}` goes back to the template text.
    let mut open: Vec<u8> = Vec::new();
    // Whether a `/` here would start a regular expression rather than divide.
    let mut operand_may_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        let next = bytes.get(i + 1).copied();
        match byte {
            b'(' | b'[' | b'{' => {
                open.push(byte);
                if open.len() > MAX_DEPTH {
                    return Err(i);
                }
                operand_may_start = true;
            }
            b')' | b']' => {
                open.pop();
                operand_may_start = false;
            }
            b'}' => {
                if open.pop() == Some(b'$') {
                    i = skip_template(bytes, i + 1, &mut open);
                    if open.len() > MAX_DEPTH {
                        return Err(i - 2);
                    }
                    operand_may_start = false;
                    continue;
                }
                // The end of a block, mostly: a statement (and a regular expression) may follow.
                operand_may_start = true;
            }
            b'\'' | b'"' => {
                i = skip_string(bytes, i);
                operand_may_start = false;
                continue;
            }
            b'`' => {
                i = skip_template(bytes, i + 1, &mut open);
                if open.len() > MAX_DEPTH {
                    return Err(i - 2);
                }
                operand_may_start = false;
                continue;
            }
            b'/' if next == Some(b'/') => {
                i = bytes[i..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'/' if next == Some(b'*') => {
                i = find(bytes, i + 2, b"*/").map_or(bytes.len(), |end| end + 2);
                continue;
            }
            b'/' if operand_may_start => {
                i = skip_regex(bytes, i + 1);
                operand_may_start = false;
                continue;
            }
            _ if is_word_byte(byte) => {
                let start = i;
                while i < bytes.len() && is_word_byte(bytes[i]) {
                    i += 1;
                }
                operand_may_start = is_operator_keyword(&bytes[start..i]);
                continue;
            }
            _ if byte.is_ascii_whitespace() => {}
            _ => operand_may_start = true,
        }
        i += 1;
    }
    Ok(())
}

/// A byte of a name, keyword or number (any non-ASCII byte is taken as one of a name).
fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$' || byte >= 0x80
}

/// Keywords after which an operand comes: `return /x/`, `typeof /x/`.
fn is_operator_keyword(word: &[u8]) -> bool {
    const KEYWORDS: [&[u8]; 14] = [
        b"return", b"typeof", b"instanceof", b"in", b"of", b"new", b"delete", b"void", b"throw", b"case", b"do",
        b"else", b"yield", b"await",
    ];
    KEYWORDS.contains(&word)
}

/// The index after the string literal opening at `start` (or after its line, unterminated).
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'\n' => return i,
            b if b == quote => return i + 1,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// Template text from `start`: the index after its closing backquote, or after a `${`
/// (pushed on `open`).
fn skip_template(bytes: &[u8], start: usize, open: &mut Vec<u8>) -> usize {
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'`' => return i + 1,
            b'$' if bytes.get(i + 1) == Some(&b'{') => {
                open.push(b'$');
                return i + 2;
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// The index after the regular expression whose body starts at `start` (and its flags are
/// then read as a word), or after its line, unterminated.
fn skip_regex(bytes: &[u8], start: usize) -> usize {
    let mut in_class = false;
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'\n' => return i,
            b'[' => in_class = true,
            b']' => in_class = false,
            b'/' if !in_class => return i + 1,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

fn find(bytes: &[u8], start: usize, needle: &[u8]) -> Option<usize> {
    bytes.get(start..)?.windows(needle.len()).position(|w| w == needle).map(|n| start + n)
}
