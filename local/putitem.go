package local

import (
	"github.com/dokklib/db/internal/ddbtype"
)

// putItem is the Item of a put request, read into the binary encoding
// the store keeps (ddbtype.JSONReader.ReadEncodedItem) and decoded into
// attribute values only when a write needs them (table.checkPut).
type putItem struct {
	ddbtype.EncodedItem
}

// decodeFrom reads the item in the request decoder's fast path.
func (p *putItem) decodeFrom(r *ddbtype.JSONReader) error {
	e, err := r.ReadEncodedItem()
	if err == nil {
		p.EncodedItem = e
	}
	return err
}

// UnmarshalJSON reads the item when encoding/json decodes the request,
// as decodeFrom does, with ddbtype.Item's errors; null leaves it empty.
func (p *putItem) UnmarshalJSON(data []byte) error {
	r := ddbtype.NewJSONReader(data)
	if err := p.decodeFrom(r); err != nil {
		return err
	}
	return r.End()
}

// decodedPut returns the putItem of an item already decoded (by PartiQL).
func decodedPut(it ddbtype.Item) putItem {
	if it == nil {
		return putItem{}
	}
	return putItem{ddbtype.EncodedItem{Item: it, Size: it.Size()}}
}

// isNull reports whether the request had no item.
func (p *putItem) isNull() bool { return p.Data == nil && p.Item == nil }

// keepsEncoded reports whether a put's item is stored as it came, in its
// encoding, without being decoded into attribute values: unless a
// consumer captures the table's changes (and needs the images), or an
// index is keyed or projected beyond the table key (and reads other
// attributes).
func (t *table) keepsEncoded(p *ddbtype.EncodedItem) bool {
	return p.Item == nil && !t.capture && t.indexesOnKeys()
}

// putView is a put's item as the write reads it: decoded, or, when it
// stays encoded, its table key attributes alone.
type putView struct {
	item *ddbtype.EncodedItem
	// attrs is the decoded item or, when it stays encoded, its key
	// attributes for the table's indexes (nil for a table without).
	attrs   ddbtype.Item
	encoded bool
	keys    [2]ddbtype.Value // when encoded: the table key attributes' values
	has     [2]bool          // and whether the item has them
}

// viewPut returns the view of a put's item in the table.
func (t *table) viewPut(p *ddbtype.EncodedItem) (putView, error) {
	v := putView{item: p, encoded: t.keepsEncoded(p)}
	if !v.encoded {
		v.attrs = p.Decoded()
		return v, nil
	}
	for i, a := range t.key.attrs {
		var err error
		if v.keys[i], v.has[i], err = ddbtype.LookupBinaryShared(p.Data, a.Name); err != nil {
			return v, err
		}
	}
	if t.hasIndexes() {
		v.attrs = make(ddbtype.Item, len(t.key.attrs))
		for i, a := range t.key.attrs {
			if v.has[i] {
				v.attrs[a.Name] = v.keys[i]
			}
		}
	}
	return v, nil
}

// checkKeys validates the item's key and index key attributes, as
// table.checkItemKeys does, and returns the item's key encoding.
func (v *putView) checkKeys(t *table) ([]byte, error) {
	if !v.encoded {
		return t.checkItemKeys(v.attrs)
	}
	key := make([]byte, 0, 64)
	for i, a := range t.key.attrs {
		if err := checkItemKeyValue(v.keys[i], v.has[i], a, t.key.isHash(i)); err != nil {
			return nil, err
		}
		var err error
		if key, err = ddbtype.AppendKey(key, v.keys[i]); err != nil {
			return nil, err
		}
	}
	return key, nil // the indexes' keys are table key attributes
}

// checkEmptyKeys returns the error for an empty string or binary value of
// a key attribute, as table.checkEmptyItemKeys does.
func (v *putView) checkEmptyKeys(t *table) error {
	if !v.encoded {
		return t.checkEmptyItemKeys(v.attrs)
	}
	for i, a := range t.key.attrs {
		if k := v.keys[i]; v.has[i] && k.Type == a.Type && isEmptyKey(k) {
			return emptyKeyErr(k, a.Name)
		}
	}
	return nil // the indexes' keys are table key attributes
}

// entry returns the entry the put stores under key, the encoding of its
// key attributes: when the item stays encoded, with the slot the store
// keeps, made from the encoding without decoding it.
func (v *putView) entry(t *table, key []byte) (entry, error) {
	en := entry{key: key, item: v.attrs, size: v.item.Size}
	if !v.encoded {
		return en, nil
	}
	kd := append(make([]byte, 0, len(key)+len(v.item.Data)), key...)
	kd, err := ddbtype.AppendBinaryOmitted(kd, v.item.Data, t.key.partition().Name, t.key.sortName())
	en.key, en.stored = kd[:len(key):len(key)], kd
	return en, err
}

// checkPut validates the keys of an item to be stored as it came, with
// no condition, and returns its entry.
func (t *table) checkPut(p *ddbtype.EncodedItem) (entry, error) {
	v, err := t.viewPut(p)
	if err != nil {
		return entry{}, err
	}
	key, err := v.checkKeys(t)
	if err != nil {
		return entry{}, err
	}
	return v.entry(t, key)
}
