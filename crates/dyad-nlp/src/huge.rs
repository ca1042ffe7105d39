//! Large read-only tables of plain values, in memory that Linux may back with 2 MiB
//! ("huge") pages.
//!
//! The models' hash tables are tens of megabytes read at random: with 4 KiB pages nearly
//! every lookup also misses the TLB and walks the page tables. Transparent huge pages
//! cut that, but on most systems (`madvise` mode) only for memory that asks for them. A
//! table of at least 2 MiB lives in an anonymous mapping advised as huge pages and aligned
//! to 2 MiB (filled in place, or copied from a slice); smaller tables, other systems, and a
//! refused mapping keep a `Vec`.
//! Either way the values and every result computed from them are the same.

use bytemuck::Pod;

/// Huge-page size on x86-64 and aarch64 Linux.
const HUGE: usize = 2 << 20;

/// A read-only table of `T`.
pub(crate) struct HugeTable<T: Pod> {
    store: Store<T>,
    len: usize,
}

enum Store<T> {
    /// An anonymous mapping; the table starts `off` bytes in (2 MiB aligned).
    Map {
        map: memmap2::MmapMut,
        off: usize,
    },
    Heap(Vec<T>),
}

impl<T: Pod> HugeTable<T> {
    /// A table of `len` zero values.
    pub(crate) fn zeroed(len: usize) -> HugeTable<T> {
        let store = match Self::mapped(len * std::mem::size_of::<T>()) {
            Some((map, off)) => Store::Map { map, off },
            None => Store::Heap(vec![T::zeroed(); len]),
        };
        HugeTable { store, len }
    }

    /// A table holding a copy of `v`.
    pub(crate) fn from_slice(v: &[T]) -> HugeTable<T> {
        let mut t = HugeTable::zeroed(v.len());
        t.as_mut_slice().copy_from_slice(v);
        t
    }

    /// A zeroed huge-page mapping of at least `bytes` (and the offset of its first
    /// 2 MiB boundary), when that is worth asking for and given.
    fn mapped(bytes: usize) -> Option<(memmap2::MmapMut, usize)> {
        if bytes < HUGE || !cfg!(target_os = "linux") {
            return None;
        }
        let map = memmap2::MmapMut::map_anon(bytes + HUGE).ok()?;
        #[cfg(target_os = "linux")]
        {
            // Advice only: without huge pages the table still works, page by page.
            let _ = map.advise(memmap2::Advice::HugePage);
        }
        let start = map.as_ptr() as usize;
        Some((map, (HUGE - start % HUGE) % HUGE))
    }

    /// The bytes the values take.
    fn bytes(&self) -> usize {
        self.len * std::mem::size_of::<T>()
    }

    /// The values, to fill the table.
    pub(crate) fn as_mut_slice(&mut self) -> &mut [T] {
        let bytes = self.bytes();
        match &mut self.store {
            Store::Map { map, off } => map
                .get_mut(*off..*off + bytes)
                .map_or(&mut [], |b| bytemuck::cast_slice_mut(b)),
            Store::Heap(v) => v,
        }
    }

    /// The values.
    #[inline]
    pub(crate) fn as_slice(&self) -> &[T] {
        match &self.store {
            Store::Map { map, off } => map
                .get(*off..*off + self.bytes())
                .map_or(&[], |b| bytemuck::cast_slice(b)),
            Store::Heap(v) => v,
        }
    }

    /// Number of values.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Whether the table lives in a huge-page mapping.
    #[cfg(test)]
    pub(crate) fn is_mapped(&self) -> bool {
        matches!(self.store, Store::Map { .. })
    }
}

impl<T: Pod> Clone for HugeTable<T> {
    fn clone(&self) -> HugeTable<T> {
        HugeTable::from_slice(self.as_slice())
    }
}

impl<T: Pod> std::fmt::Debug for HugeTable<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HugeTable({} values)", self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_table_is_mapped_and_aligned_a_small_one_is_not_and_both_keep_their_values() {
        let n = HUGE / 4 + 1000;
        let big: Vec<u32> = (0..n as u32)
            .map(|i| i.wrapping_mul(2_654_435_761))
            .collect();
        let t = HugeTable::from_slice(&big);
        assert_eq!(t.as_slice(), &big[..]);
        assert_eq!(t.len(), n);
        assert_eq!(t.is_mapped(), cfg!(target_os = "linux"));
        if t.is_mapped() {
            assert_eq!(t.as_slice().as_ptr() as usize % HUGE, 0);
        }
        assert_eq!(t.clone().as_slice(), &big[..]);
        let small = [1u32, 2, 3];
        let s = HugeTable::from_slice(&small);
        assert!(!s.is_mapped());
        assert_eq!(s.as_slice(), &small);
        let empty: HugeTable<u32> = HugeTable::from_slice(&[]);
        assert!(empty.as_slice().is_empty());
    }
}
