//! The records the stages sort and spill: fixed-width keys ([`SortKey`]) and payloads written
//! with [`Writer`] and read back with [`Reader`] (little-endian integers, strings with a u16
//! length).

use super::extsort::SortKey;

/// One post sharing one object: sorted by object, then time, then input position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ObjectKey {
    pub kind: u8,
    pub key: u128,
    pub time: i64,
    pub seq: u64,
}

impl SortKey for ObjectKey {
    const BYTES: usize = 1 + 16 + 8 + 8;
    fn write(&self, out: &mut Vec<u8>) {
        out.push(self.kind);
        out.extend_from_slice(&self.key.to_le_bytes());
        out.extend_from_slice(&self.time.to_le_bytes());
        out.extend_from_slice(&self.seq.to_le_bytes());
    }
    fn read(b: &[u8]) -> Self {
        let mut r = Reader::new(b);
        ObjectKey {
            kind: r.u8(),
            key: r.u128(),
            time: r.i64(),
            seq: r.u64(),
        }
    }
}

/// One post for the near-duplicate search: sorted by time, then input position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TimeKey {
    pub time: i64,
    pub seq: u64,
}

impl SortKey for TimeKey {
    const BYTES: usize = 16;
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.time.to_le_bytes());
        out.extend_from_slice(&self.seq.to_le_bytes());
    }
    fn read(b: &[u8]) -> Self {
        let mut r = Reader::new(b);
        TimeKey {
            time: r.i64(),
            seq: r.u64(),
        }
    }
}

/// One pair of posts: sorted by account pair (`lo` < `hi`, account numbers), then object,
/// then the earlier post's time and position, then the later post's position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PairKey {
    pub lo: u32,
    pub hi: u32,
    pub kind: u8,
    pub key: u128,
    pub time_a: i64,
    pub seq_a: u64,
    pub seq_b: u64,
}

impl SortKey for PairKey {
    const BYTES: usize = 4 + 4 + 1 + 16 + 8 + 8 + 8;
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.lo.to_le_bytes());
        out.extend_from_slice(&self.hi.to_le_bytes());
        out.push(self.kind);
        out.extend_from_slice(&self.key.to_le_bytes());
        out.extend_from_slice(&self.time_a.to_le_bytes());
        out.extend_from_slice(&self.seq_a.to_le_bytes());
        out.extend_from_slice(&self.seq_b.to_le_bytes());
    }
    fn read(b: &[u8]) -> Self {
        let mut r = Reader::new(b);
        PairKey {
            lo: r.u32(),
            hi: r.u32(),
            kind: r.u8(),
            key: r.u128(),
            time_a: r.i64(),
            seq_a: r.u64(),
            seq_b: r.u64(),
        }
    }
}

/// Appends fields to a payload.
pub struct Writer<'a>(pub &'a mut Vec<u8>);

impl Writer<'_> {
    pub fn u8(&mut self, v: u8) -> &mut Self {
        self.0.push(v);
        self
    }
    pub fn u32(&mut self, v: u32) -> &mut Self {
        self.0.extend_from_slice(&v.to_le_bytes());
        self
    }
    pub fn u64(&mut self, v: u64) -> &mut Self {
        self.0.extend_from_slice(&v.to_le_bytes());
        self
    }
    pub fn i64(&mut self, v: i64) -> &mut Self {
        self.0.extend_from_slice(&v.to_le_bytes());
        self
    }
    pub fn f32(&mut self, v: f32) -> &mut Self {
        self.0.extend_from_slice(&v.to_le_bytes());
        self
    }
    /// A string of at most 65,535 bytes (longer ones are cut on a character boundary).
    pub fn str(&mut self, s: &str) -> &mut Self {
        let mut end = s.len().min(u16::MAX as usize);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        self.str_bytes(&s.as_bytes()[..end])
    }
    /// The bytes of a string read with [`Reader::str_bytes`] (at most 65,535).
    pub fn str_bytes(&mut self, s: &[u8]) -> &mut Self {
        let s = &s[..s.len().min(u16::MAX as usize)];
        self.0.extend_from_slice(&(s.len() as u16).to_le_bytes());
        self.0.extend_from_slice(s);
        self
    }
}

/// Reads fields written by [`Writer`], in the same order. Payloads come from this process's
/// own spill files, so a short one is a bug, not bad input: it panics.
pub struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes }
    }
    fn take<const N: usize>(&mut self) -> [u8; N] {
        let (head, rest) = self.bytes.split_at(N);
        self.bytes = rest;
        head.try_into().expect("N bytes")
    }
    pub fn u8(&mut self) -> u8 {
        self.take::<1>()[0]
    }
    pub fn u16(&mut self) -> u16 {
        u16::from_le_bytes(self.take())
    }
    pub fn u32(&mut self) -> u32 {
        u32::from_le_bytes(self.take())
    }
    pub fn u64(&mut self) -> u64 {
        u64::from_le_bytes(self.take())
    }
    pub fn u128(&mut self) -> u128 {
        u128::from_le_bytes(self.take())
    }
    pub fn i64(&mut self) -> i64 {
        i64::from_le_bytes(self.take())
    }
    pub fn f32(&mut self) -> f32 {
        f32::from_le_bytes(self.take())
    }
    pub fn str(&mut self) -> &'a str {
        std::str::from_utf8(self.str_bytes()).expect("written from a str")
    }
    /// A string's bytes, not checked again (for strings only copied along).
    pub fn str_bytes(&mut self) -> &'a [u8] {
        let len = self.u16() as usize;
        let (head, rest) = self.bytes.split_at(len);
        self.bytes = rest;
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<K: SortKey + std::fmt::Debug>(k: K) {
        let mut bytes = Vec::new();
        k.write(&mut bytes);
        assert_eq!(bytes.len(), K::BYTES);
        assert_eq!(K::read(&bytes), k);
    }

    #[test]
    fn keys_and_payloads_round_trip() {
        round_trip(ObjectKey {
            kind: 3,
            key: u128::MAX - 5,
            time: -12,
            seq: 9,
        });
        round_trip(TimeKey {
            time: 1 << 40,
            seq: 1,
        });
        round_trip(PairKey {
            lo: 1,
            hi: 2,
            kind: 6,
            key: 77,
            time_a: 5,
            seq_a: 6,
            seq_b: 7,
        });
        let mut payload = Vec::new();
        Writer(&mut payload)
            .u32(7)
            .str("héllo")
            .f32(0.5)
            .i64(-3)
            .str(&"x".repeat(70_000));
        let mut r = Reader::new(&payload);
        assert_eq!(r.u32(), 7);
        assert_eq!(r.str(), "héllo");
        assert_eq!(r.f32(), 0.5);
        assert_eq!(r.i64(), -3);
        assert_eq!(r.str().len(), u16::MAX as usize);
    }
}
