package local

import (
	"github.com/dokklib/db/internal/ddbtype"
)

// appendTableKey appends the key encoding of item under schema k: the
// order-preserving encodings of its key attributes, the partition key's
// then the sort key's. The item must have valid key attributes.
func appendTableKey(dst []byte, k keySchema, item ddbtype.Item) ([]byte, error) {
	var err error
	for _, a := range k.attrs {
		if dst, err = ddbtype.AppendKey(dst, item[a.Name]); err != nil {
			return dst, err
		}
	}
	return dst, nil
}

// indexKey returns the key of item in the index, its key attributes
// followed by the table key, or false when the item lacks one of the
// index's key attributes (indexes are sparse) or has one of another type.
func (x *index) indexKey(item ddbtype.Item, tableKey []byte) ([]byte, bool) {
	if !x.hasKeyAttrs(item) {
		return nil, false
	}
	return x.appendIndexKey(make([]byte, 0, 32+len(tableKey)), item, tableKey)
}

// hasKeyAttrs reports whether item has all the index's key attributes
// with their types.
func (x *index) hasKeyAttrs(item ddbtype.Item) bool {
	for _, a := range x.key.attrs {
		if !hasKeyAttr(item, a) {
			return false
		}
	}
	return true
}

// appendIndexKey appends the index key of an item that has the index's
// key attributes, as indexKey returns it, to dst.
func (x *index) appendIndexKey(dst []byte, item ddbtype.Item, tableKey []byte) ([]byte, bool) {
	k, err := appendTableKey(dst, x.key, item)
	if err != nil {
		return nil, false
	}
	return append(k, tableKey...), true
}

// hasKeyAttr reports whether item has attribute a with a's type.
func hasKeyAttr(item ddbtype.Item, a keyAttr) bool {
	v, ok := item[a.Name]
	return ok && v.Type == a.Type
}

// current returns the stored entry with key k as a write needs it: its
// key and size, and its item only when the table has indexes, which need
// the old item to be kept in step and charged for, or when the table's
// changes are captured. keys is the item or Key parameter whose key k
// encodes. When the indexes need only the table's key attributes, the
// item is keys: those attributes are the same in the stored item (they
// make the same key), and taking them from keys saves decoding k into a
// new map for every write.
func (t *table) current(k []byte, keys ddbtype.Item) (entry, bool) {
	switch {
	case t.capture:
		// consumers of the table's changes see whole old images
	case !t.hasIndexes():
		return t.items.peek(k)
	case t.indexesOnKeys():
		en, ok := t.items.peek(k)
		if ok {
			en.item = keys
		}
		return en, ok
	}
	return t.items.get(k)
}

// stored returns the stored entry with key k: all of it when whole is
// set, else only what a write needs, as t.current returns it.
func (t *table) stored(k []byte, keys ddbtype.Item, whole bool) (entry, bool) {
	if whole {
		return t.items.get(k)
	}
	return t.current(k, keys)
}

// indexesOnKeys reports whether every index is keyed on table key
// attributes and projects all attributes, so that the index entries of an
// item and their sizes follow from its table key and size.
func (t *table) indexesOnKeys() bool {
	for _, x := range t.allIndexes() {
		if x.proj.typ != projAll {
			return false
		}
		for _, a := range x.key.attrs {
			if !t.key.isKey(a.Name) {
				return false
			}
		}
	}
	return true
}

// hasIndexes reports whether the table has secondary indexes.
func (t *table) hasIndexes() bool { return len(t.lsis)+len(t.gsis) > 0 }

// putEntry stores an item, replacing the one with the same key, keeps
// the indexes and sizes in step and records the change for the next
// commit. t.mu must be held for writing.
func (t *table) putEntry(en entry) {
	old, had := t.items.put(en, t.hasIndexes() || t.capture)
	t.indexPut(en, old, had)
}

// replaceEntry is putEntry for a caller that has already read the entry
// being replaced, as t.current returns it (or with its item), so that the
// store need not decode it again. t.mu must be held for writing.
func (t *table) replaceEntry(en, old entry, had bool) {
	t.items.insert(en)
	t.indexPut(en, old, had)
}

// indexPut keeps the indexes, sizes and pending changes in step with the
// put of en over old (when had).
func (t *table) indexPut(en, old entry, had bool) {
	if had {
		t.bytes -= int64(old.size)
		t.unindex(old)
	}
	t.bytes += int64(en.size)
	for _, x := range t.allIndexes() {
		x.add(en)
	}
	t.record(en)
	t.captureWrite(en, old, had)
}

// removeEntry deletes a stored item and its index entries and records
// the change for the next commit. en is the stored entry as t.current
// returns it (or with its item), so that the store need not decode it
// again. t.mu must be held for writing.
func (t *table) removeEntry(en entry) { t.remove(en, false) }

// removeExpired is removeEntry for the TTL sweep, whose deletions
// streams tell apart.
func (t *table) removeExpired(en entry) { t.remove(en, true) }

// remove is removeEntry, byTTL telling a deletion by the TTL sweep.
func (t *table) remove(en entry, byTTL bool) {
	if old, ok := t.items.delete(en.key, false); ok {
		t.bytes -= int64(old.size)
		t.unindex(en)
		t.record(entry{key: old.key})
		t.captureDelete(en, byTTL)
	}
}

// record adds a change to those of the next commit, if the storage
// keeps them.
func (t *table) record(en entry) {
	if t.durable {
		t.pending = append(t.pending, en)
	}
}

// unindex removes an item's index entries.
func (t *table) unindex(en entry) {
	for _, x := range t.allIndexes() {
		if k, ok := x.indexKey(en.item, en.key); ok {
			if size, ok := x.items.remove(k); ok {
				x.bytes -= int64(size)
			}
		}
	}
}

// add indexes a table entry if it has the index's key attributes.
func (x *index) add(en entry) {
	k, ok := x.indexKey(en.item, en.key)
	if !ok {
		return
	}
	size := x.projectedSize(en)
	x.items.insert(entry{key: k, item: en.item, size: size})
	x.bytes += int64(size)
}

// projectedSize is the size of the part of an item the index holds.
func (x *index) projectedSize(en entry) int {
	if x.proj.typ == projAll {
		return en.size
	}
	size := 0
	for name, v := range en.item {
		if x.projects(name) {
			size += len(name) + v.Size()
		}
	}
	return size
}

// backfill indexes every item of the table, for an index added later.
// Items whose index key values the index could not take (empty, or too
// large) stay out of it (Developer Guide, "Detecting and correcting index
// key violations"); those of another type are left out by add.
func (t *table) backfill(x *index) {
	t.items.scan(nil, nil, false, func(en entry) bool {
		if x.checkKeys(en.item, t.key, "") == nil {
			x.add(en)
		}
		return true
	})
}
