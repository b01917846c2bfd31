package local

import (
	"encoding/binary"
	"fmt"
)

// tableSnapshot is a table as it was at one instant: its settings and a
// copy-on-write clone of its items, which later writes to the table do
// not change. Taking one costs O(1) under the table's lock; reading it
// afterwards needs no lock, so backups and point-in-time recovery copy
// tables without stopping writes.
type tableSnapshot struct {
	settings *tableRecord
	arn      string
	items    *store // the clone; read only, unless owned (see pitr)
	bytes    int64
	count    int
}

// snapshot takes a snapshot of t; t.mu must be held for writing, as
// cloning a B-tree marks the original's nodes shared.
func (t *table) snapshot() *tableSnapshot {
	return &tableSnapshot{
		settings: t.settings(),
		arn:      t.arn,
		items:    t.items.clone(),
		bytes:    t.bytes,
		count:    t.items.len(),
	}
}

// clone returns a copy of the store that shares its nodes until either
// is written (google/btree's Clone): O(1).
func (s *store) clone() *store {
	return &store{tree: s.tree.Clone(), codec: s.codec}
}

// slots calls fn for each slot of the store in key order until fn
// returns false.
func (s *store) slots(fn func(slot) bool) { s.tree.Ascend(fn) }

// fill inserts the items of src into t and its indexes, and, when t is
// durable, records them to be written with t's first commit. src must
// use t's key schema.
func (t *table) fill(src *store) {
	c := itemCodec{key: t.key}
	indexes := t.allIndexes()
	src.slots(func(sl slot) bool {
		t.items.insertSlot(sl) // slots are never changed in place: sharing is safe
		t.bytes += int64(sl.size)
		if len(indexes) == 0 && !t.durable {
			return true
		}
		en := c.decode(sl)
		for _, x := range indexes {
			x.add(en)
		}
		if t.durable {
			t.pending = append(t.pending, en)
		}
		return true
	})
}

// slotValue returns a slot's item as the data file keeps it (see
// itemValue), without decoding it.
func slotValue(sl slot) []byte {
	v := binary.AppendUvarint(make([]byte, 0, len(sl.kd)-int(sl.klen)+binary.MaxVarintLen32), uint64(sl.size))
	return append(v, sl.kd[sl.klen:]...)
}

// storedSlot rebuilds a slot from its key and value in the data file,
// checking that the value decodes.
func storedSlot(c itemCodec, k, v []byte) (slot, error) {
	size, n := binary.Uvarint(v)
	if n <= 0 {
		return slot{}, fmt.Errorf("item %s: bad size", shortHex(k))
	}
	kd := make([]byte, len(k)+len(v)-n)
	copy(kd, k)
	copy(kd[len(k):], v[n:])
	sl := slot{kd: kd, klen: uint32(len(k)), size: uint32(size)}
	if _, err := c.decodeChecked(sl); err != nil {
		return slot{}, fmt.Errorf("item %s: %w", shortHex(k), err)
	}
	return sl, nil
}
