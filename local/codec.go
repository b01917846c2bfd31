package local

import (
	"errors"

	"github.com/dokklib/db/internal/ddbtype"
)

// itemCodec stores table items in ddbtype's binary encoding, without
// their key attributes, which the key encoding already holds.
type itemCodec struct {
	key keySchema
}

// scratchPool holds the buffers items are encoded in before they are
// copied into their slots.
var scratchPool = newBytesPool(1024)

// encode returns the slot of a table entry.
func (c itemCodec) encode(en entry) slot {
	if en.stored != nil {
		return slot{kd: en.stored, klen: uint32(len(en.key)), size: uint32(en.size)}
	}
	bp := scratchPool.get()
	data := c.appendValue(*bp, en.item)
	kd := make([]byte, len(en.key)+len(data))
	copy(kd, en.key)
	copy(kd[len(en.key):], data)
	*bp = data
	scratchPool.put(bp)
	return slot{kd: kd, klen: uint32(len(en.key)), size: uint32(en.size)}
}

// appendValue appends the binary encoding of the item's attributes other
// than its key attributes.
func (c itemCodec) appendValue(dst []byte, item ddbtype.Item) []byte {
	data, err := item.AppendBinaryOmit(dst, c.key.partition().Name, c.key.sortName())
	if err != nil {
		return dst // nesting beyond the codec's limit, which validation prevents
	}
	return data
}

// decode returns the entry of a table slot.
func (c itemCodec) decode(s slot) entry {
	en, err := c.decodeChecked(s)
	if err != nil && en.item == nil {
		en.item = ddbtype.Item{}
	}
	return en
}

// decodeChecked returns the entry of a table slot, or why its bytes are
// not a valid entry.
func (c itemCodec) decodeChecked(s slot) (entry, error) {
	en := entry{key: s.key(), size: int(s.size)}
	if err := en.item.UnmarshalBinary(s.kd[s.klen:]); err != nil {
		return en, err
	}
	if en.item == nil {
		en.item = ddbtype.Item{}
	}
	k := s.key()
	for _, a := range c.key.attrs {
		v, n, err := ddbtype.DecodeKey(a.Type, k)
		if err != nil {
			return en, err
		}
		en.item[a.Name], k = v, k[n:]
	}
	if len(k) != 0 {
		return en, errTrailingKey
	}
	return en, nil
}

// errTrailingKey reports a stored key longer than its key attributes.
var errTrailingKey = errors.New("bytes after the key attributes")

// indexCodec stores an index entry as its key alone (the index key, then
// the table key) and reads the item from the table.
type indexCodec struct {
	x     *index
	table *store
}

// encode returns the slot of an index entry.
func (c indexCodec) encode(en entry) slot {
	kd := make([]byte, len(en.key))
	copy(kd, en.key)
	return slot{kd: kd, klen: uint32(len(kd)), size: uint32(en.size)}
}

// decode returns the entry of an index slot, with the table's item.
func (c indexCodec) decode(s slot) entry {
	en := entry{key: s.key(), size: int(s.size)}
	if tk, ok := c.tableKey(s.key()); ok {
		t, _ := c.table.get(tk)
		en.item = t.item
	}
	return en
}

// tableKey returns the table key at the end of an index key.
func (c indexCodec) tableKey(k []byte) ([]byte, bool) {
	for _, a := range c.x.key.attrs {
		_, n, err := ddbtype.DecodeKey(a.Type, k)
		if err != nil {
			return nil, false
		}
		k = k[n:]
	}
	return k, true
}
