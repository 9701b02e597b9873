//! A quick hash for keys that come from a person's own data (ids, labels):
//! a multiply-rotate over their bytes. It need not resist chosen
//! collisions, and is several times faster than the standard SipHash over
//! years of records (the insights and the store's bulk reads use it).

/// Builds [`QuickHasher`]s: `HashMap<K, V, QuickHash>`.
#[derive(Debug, Clone, Copy, Default)]
pub struct QuickHash;

impl std::hash::BuildHasher for QuickHash {
    type Hasher = QuickHasher;
    fn build_hasher(&self) -> QuickHasher {
        QuickHasher(0)
    }
}

/// The hasher [`QuickHash`] builds.
#[derive(Debug, Clone, Copy)]
pub struct QuickHasher(u64);

impl std::hash::Hasher for QuickHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(26) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 29)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::QuickHash;

    #[test]
    fn keys_are_found_again_and_kept_apart() {
        let mut map: HashMap<String, usize, QuickHash> = HashMap::default();
        for i in 0..1000 {
            map.insert(format!("label {i}"), i);
        }
        assert_eq!(map.len(), 1000);
        assert_eq!(map.get("label 517"), Some(&517));
        assert_eq!(map.get("label 1000"), None);
    }
}
