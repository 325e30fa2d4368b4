//! `test:world-res`: a resource defined at the root of the world (`blob`), implemented by
//! the host and created, lent and taken by the component's world-level functions.

wit_bindgen::generate!({ path: "wit", world: "world-res" });

struct Component;

impl Guest for Component {
    fn make(n: u32) -> Blob {
        Blob::new(n)
    }

    fn measure(b: &Blob) -> u32 {
        note(b, "measure");
        b.size()
    }

    fn grow(b: &Blob, count: u32) -> u32 {
        for i in 0..count {
            b.push(i as u8);
        }
        b.size()
    }

    fn consume(b: Blob) -> u32 {
        b.size()
    }

    fn join(a: Blob, b: &Blob) -> Blob {
        Blob::concat(a, b)
    }

    fn wrap(b: Blob, label: String) -> Labeled {
        Labeled { label, blob: b }
    }

    fn unwrap(l: Labeled) -> Blob {
        l.blob
    }

    fn total(bs: Vec<Blob>) -> u32 {
        bs.iter().map(Blob::size).sum()
    }

    fn maybe(n: u32) -> Option<Blob> {
        (n > 0).then(|| Blob::new(n))
    }
}

export!(Component);
