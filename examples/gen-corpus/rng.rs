//! A tiny deterministic PRNG (SplitMix64): the same seed gives the same
//! corpus on every machine, with no dependency.

pub struct Rng(u64);

impl Rng {
    /// A generator for one item, independent of how many numbers other
    /// items drew: corpora stay stable when one generator changes.
    pub fn derive(seed: u64, stream: u64, index: u64) -> Self {
        let mut r = Rng(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        r.0 ^= r
            .next_u64()
            .wrapping_add(index.wrapping_mul(0xBF58_476D_1CE4_E5B9));
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() - 1)]
    }

    /// One of a list of static strings.
    pub fn word(&mut self, pool: &[&'static str]) -> &'static str {
        pool[self.range(0, pool.len() - 1)]
    }

    /// `n` distinct indices of `0..len`, in ascending order.
    pub fn distinct(&mut self, n: usize, len: usize) -> Vec<usize> {
        let mut chosen: Vec<usize> = Vec::with_capacity(n);
        while chosen.len() < n.min(len) {
            let i = self.range(0, len - 1);
            if !chosen.contains(&i) {
                chosen.push(i);
            }
        }
        chosen.sort_unstable();
        chosen
    }
}
