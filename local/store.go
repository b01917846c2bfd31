package local

import (
	"bytes"

	"github.com/google/btree"

	"github.com/dokklib/db/internal/ddbtype"
)

// entry is one item in a sorted store. key is the order-preserving
// encoding of the item's key (for an index: the index key followed by the
// table key); item is shared between a table and its indexes and never
// modified in place: a write replaces it.
type entry struct {
	key  []byte
	item ddbtype.Item
	size int // the item's size as DynamoDB counts it
}

// store is a sorted set of entries: a B-tree ordered by key, so point
// reads and range reads cost O(log n + k).
type store struct {
	tree *btree.BTreeG[entry]
}

const btreeDegree = 32

// newStore returns an empty store.
func newStore() *store {
	return &store{tree: btree.NewG(btreeDegree, func(a, b entry) bool { return bytes.Compare(a.key, b.key) < 0 })}
}

// get returns the entry with key k.
func (s *store) get(k []byte) (entry, bool) {
	return s.tree.Get(entry{key: k})
}

// put inserts or replaces an entry and returns the one it replaced.
func (s *store) put(e entry) (entry, bool) {
	return s.tree.ReplaceOrInsert(e)
}

// delete removes the entry with key k and returns it.
func (s *store) delete(k []byte) (entry, bool) {
	return s.tree.Delete(entry{key: k})
}

// len returns the number of entries.
func (s *store) len() int { return s.tree.Len() }

// scan calls fn for the entries with keys in [from, to) in ascending
// order, or in (from', to] descending when reverse is set (from and to
// are always the lower and upper bounds); a nil bound is open. It stops
// when fn returns false.
func (s *store) scan(from, to []byte, reverse bool, fn func(entry) bool) {
	if reverse {
		s.descend(from, to, fn)
		return
	}
	if from == nil {
		from = []byte{}
	}
	if to == nil {
		s.tree.AscendGreaterOrEqual(entry{key: from}, fn)
		return
	}
	s.tree.AscendRange(entry{key: from}, entry{key: to}, fn)
}

// descend calls fn for the entries with keys in [from, to) in descending
// order.
func (s *store) descend(from, to []byte, fn func(entry) bool) {
	visit := func(e entry) bool {
		if from != nil && bytes.Compare(e.key, from) < 0 {
			return false
		}
		return fn(e)
	}
	if to == nil {
		s.tree.Descend(visit)
		return
	}
	s.tree.DescendLessOrEqual(entry{key: to}, func(e entry) bool {
		if bytes.Equal(e.key, to) {
			return true // the upper bound is exclusive
		}
		return visit(e)
	})
}

// clone returns a copy-on-write snapshot of the store.
func (s *store) clone() *store { return &store{tree: s.tree.Clone()} }
