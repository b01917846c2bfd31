package local

import (
	"bytes"

	"github.com/google/btree"

	"github.com/dokklib/db/internal/ddbtype"
)

// entry is one item as the engine works with it: its key (the
// order-preserving encoding of the table key; for an index, the index key
// followed by the table key), the decoded item and its size.
type entry struct {
	key  []byte
	item ddbtype.Item
	size int // the item's size as DynamoDB counts it (for an index: what it projects)
	// stored is a table item's slot bytes, its key then its encoding
	// without the key attributes (itemCodec's), when a put made them
	// without decoding the item (table.checkPut), whose item then holds
	// at most the key attributes. key is its start.
	stored []byte
}

// isPut reports whether a recorded change is a put rather than a
// deletion.
func (en entry) isPut() bool { return en.item != nil || en.stored != nil }

// slot is an entry as a store keeps it: key and encoded value in one
// allocation, so that a million 200-byte items take about twice their
// size.
type slot struct {
	kd   []byte // key, then value
	klen uint32
	size uint32
}

// key returns the slot's key.
func (s slot) key() []byte { return s.kd[:s.klen] }

// codec turns entries into slots and back.
type codec interface {
	encode(en entry) slot
	decode(s slot) entry
}

// store is a sorted set of entries: a B-tree ordered by key, so point
// reads and range reads cost O(log n + k).
type store struct {
	tree  *btree.BTreeG[slot]
	codec codec
}

const btreeDegree = 32

// newStore returns an empty store using c.
func newStore(c codec) *store {
	less := func(a, b slot) bool { return bytes.Compare(a.key(), b.key()) < 0 }
	return &store{tree: btree.NewG(btreeDegree, less), codec: c}
}

// probe returns a slot for looking up key k.
func probe(k []byte) slot { return slot{kd: k, klen: uint32(len(k))} }

// get returns the entry with key k.
func (s *store) get(k []byte) (entry, bool) {
	sl, ok := s.tree.Get(probe(k))
	if !ok {
		return entry{}, false
	}
	return s.codec.decode(sl), true
}

// peek returns the key and size of the entry with key k, without
// decoding its item.
func (s *store) peek(k []byte) (entry, bool) {
	sl, ok := s.tree.Get(probe(k))
	return s.entry(sl, false), ok
}

// entry returns the entry of a slot, its item decoded only when full is
// set.
func (s *store) entry(sl slot, full bool) entry {
	if full {
		return s.codec.decode(sl)
	}
	return entry{key: sl.key(), size: int(sl.size)}
}

// put inserts or replaces an entry and returns the one it replaced, its
// item decoded only when full is set.
func (s *store) put(en entry, full bool) (entry, bool) {
	old, ok := s.tree.ReplaceOrInsert(s.codec.encode(en))
	if !ok {
		return entry{}, false
	}
	return s.entry(old, full), true
}

// insert inserts or replaces an entry.
func (s *store) insert(en entry) { s.tree.ReplaceOrInsert(s.codec.encode(en)) }

// insertSlot inserts or replaces an encoded entry.
func (s *store) insertSlot(sl slot) { s.tree.ReplaceOrInsert(sl) }

// delete removes the entry with key k and returns it, its item decoded
// only when full is set.
func (s *store) delete(k []byte, full bool) (entry, bool) {
	old, ok := s.tree.Delete(probe(k))
	if !ok {
		return entry{}, false
	}
	return s.entry(old, full), true
}

// remove removes the entry with key k and returns its size.
func (s *store) remove(k []byte) (int, bool) {
	old, ok := s.tree.Delete(probe(k))
	return int(old.size), ok
}

// len returns the number of entries.
func (s *store) len() int { return s.tree.Len() }

// scan calls fn for the entries with keys in [from, to), in ascending
// order or, when reverse is set, descending; a nil bound is open. It stops
// when fn returns false.
func (s *store) scan(from, to []byte, reverse bool, fn func(entry) bool) {
	visit := func(sl slot) bool { return fn(s.codec.decode(sl)) }
	if reverse {
		s.descend(from, to, visit)
		return
	}
	if from == nil {
		from = []byte{}
	}
	if to == nil {
		s.tree.AscendGreaterOrEqual(probe(from), visit)
		return
	}
	s.tree.AscendRange(probe(from), probe(to), visit)
}

// descend calls fn for the slots with keys in [from, to) in descending
// order.
func (s *store) descend(from, to []byte, fn func(slot) bool) {
	visit := func(sl slot) bool {
		if from != nil && bytes.Compare(sl.key(), from) < 0 {
			return false
		}
		return fn(sl)
	}
	if to == nil {
		s.tree.Descend(visit)
		return
	}
	s.tree.DescendLessOrEqual(probe(to), func(sl slot) bool {
		if bytes.Equal(sl.key(), to) {
			return true // the upper bound is exclusive
		}
		return visit(sl)
	})
}
