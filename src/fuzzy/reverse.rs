//! Reverse lookup: ordinal → key.

/// Writes into `out` the key whose value in `map` is `ord`, and returns
/// `true`; returns `false` (with `out` cleared) when no key has that value.
///
/// Requires the map's values to be monotonic in key order (keys inserted in
/// sorted order with values 0, 1, 2, …, or any strictly increasing values).
/// It walks the raw fst from the root, at each node taking the transition
/// with the largest accumulated output ≤ `ord`, stopping at a final node
/// whose accumulated output equals `ord`: O(key length × log fan-out).
///
/// A shared map with a namespace (e.g. phonetic keys under byte 0x01) still
/// works if every namespaced value is larger than every ordinal looked up
/// (e.g. namespaced values offset by `1 << 40`): such subtrees are never
/// entered. A map that breaks the requirement gives `false` or a wrong key,
/// never a panic.
pub fn key_of_ordinal<D: AsRef<[u8]>>(map: &fst::Map<D>, ord: u64, out: &mut Vec<u8>) -> bool {
    out.clear();
    let fst = map.as_fst();
    let mut node = fst.root();
    let mut acc: u64 = 0;
    // An acyclic fst has no key longer than its byte size; bound the walk anyway.
    let limit = fst.as_bytes().len().saturating_add(1);
    for _ in 0..limit {
        if node.is_final() {
            match acc.checked_add(node.final_output().value()) {
                Some(v) if v == ord => return true,
                Some(v) if v > ord => break,
                _ => {}
            }
        }
        // Accumulated outputs grow with the transition index (values are
        // monotonic in key order), so the last transition whose output is
        // ≤ `ord` is found by binary search.
        let (mut lo, mut hi) = (0usize, node.len());
        let mut chosen = None;
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let t = node.transition(mid);
            match acc.checked_add(t.out.value()) {
                Some(v) if v <= ord => {
                    chosen = Some((t, v));
                    lo = mid + 1;
                }
                _ => hi = mid,
            }
        }
        match chosen {
            Some((t, v)) => {
                out.push(t.inp);
                acc = v;
                node = fst.node(t.addr);
            }
            None => break,
        }
    }
    out.clear();
    false
}
