package ddbtype

import (
	"bytes"
	"encoding/binary"
	"errors"
	"slices"
	"sync"
)

// Reading an item from the JSON wire format straight into the binary
// storage format.
//
// A write that stores an item as it came (a put to a table whose indexes,
// if any, are keyed on the table's key attributes, with no condition and
// no change capture) needs its binary encoding, its size and its key
// attributes, not the map of attribute values Item.UnmarshalJSON builds.
// The transcoder writes the encoding as it reads the JSON. It takes only
// plain items, which hold no validation error by construction: every
// attribute value an object of one member S, N, B, BOOL, NULL (true), L or
// M, with a valid number or base64 text, no name given twice and nesting
// at most plainDepth deep. On anything else it gives up, and
// ReadEncodedItem decodes the item with the map decoder, whose errors are
// DynamoDB's, and encodes the map. The two agree byte for byte
// (FuzzEncodedItem).

// EncodedItem is an item read from the JSON wire format in its binary
// storage encoding (Item.AppendBinary's), with its size as DynamoDB counts
// it (Item.Size) and, when the reader built it, the decoded Item.
type EncodedItem struct {
	Data []byte // nil for JSON null
	Size int
	Item Item // nil until Decoded builds it, unless the reader did
}

// EncodeItem returns the encoded form of an item.
func EncodeItem(it Item) (EncodedItem, error) {
	data, err := it.AppendBinary(nil)
	return EncodedItem{Data: data, Size: it.Size(), Item: it}, err
}

// Decoded returns the item, decoding Data the first time. Data made by
// ReadEncodedItem or EncodeItem always decodes; for anything else that
// does not, it returns an empty item.
func (e *EncodedItem) Decoded() Item {
	if e.Item == nil && e.Data != nil {
		if err := e.Item.UnmarshalBinary(e.Data); err != nil {
			e.Item = Item{}
		}
	}
	return e.Item
}

// ReadEncodedItem consumes an item as ReadItem does, with the same
// errors, and returns it encoded; JSON null gives the zero EncodedItem. A
// plain item (see above) is encoded as it is read, without building the
// Item; any other is decoded, and then encoded.
func (r *JSONReader) ReadEncodedItem() (EncodedItem, error) {
	save := r.r
	if e, ok := transcodeItem(&r.r); ok {
		return e, nil
	}
	r.r = save
	it, err := r.ReadItem()
	if err != nil || it == nil {
		return EncodedItem{}, err
	}
	return EncodeItem(it)
}

// plainDepth is the nesting the transcoder takes; deeper items, rare and
// close to DynamoDB's limit, go to the map decoder, which checks it.
const plainDepth = 16

// errNotPlain stops the transcoder at input it leaves to the map decoder.
var errNotPlain = errors.New("ddbtype: not a plain item")

// transcoder writes the binary encoding of the item at its reader.
type transcoder struct {
	r   *jsonReader
	buf []byte // the encoding being written
	tmp []byte // an object's members while they are put in name order
}

// transcoders holds transcoders' buffers between items.
var transcoders = sync.Pool{New: func() any { return new(transcoder) }}

// maxPooledTranscoder is the largest buffer returned to the pool.
const maxPooledTranscoder = 64 << 10

// transcodeItem reads a plain item at r, or reports false having read
// part of it.
func transcodeItem(r *jsonReader) (EncodedItem, bool) {
	if r.kind() != jsonObject {
		return EncodedItem{}, false
	}
	t := transcoders.Get().(*transcoder)
	defer t.release()
	t.r = r
	t.buf = append(t.buf[:0], codecVersion)
	size, _, ok := t.members(0)
	if !ok {
		return EncodedItem{}, false
	}
	return EncodedItem{Data: bytes.Clone(t.buf), Size: size}, true
}

// release returns t to the pool.
func (t *transcoder) release() {
	t.r = nil
	if cap(t.buf) <= maxPooledTranscoder && cap(t.tmp) <= maxPooledTranscoder {
		transcoders.Put(t)
	}
}

// memberSpan is where one member (its name, then its value) was written
// in the buffer.
type memberSpan struct {
	name       []byte
	start, end int
}

// members reads the object at the reader, whose values are at the given
// depth, and writes its count and members in name order. It returns the
// sum of the members' name lengths and value sizes, and their count.
func (t *transcoder) members(depth int) (sum, n int, ok bool) {
	mark := len(t.buf)
	var spanBuf [16]memberSpan
	spans := spanBuf[:0]
	err := t.r.readObject(func(name []byte) error {
		start := len(t.buf)
		t.buf = appendBytes(t.buf, name)
		size, ok := t.value(depth)
		if !ok {
			return errNotPlain
		}
		spans = append(spans, memberSpan{name: name, start: start, end: len(t.buf)})
		sum += len(name) + size
		return nil
	})
	if err != nil || !t.order(mark, spans) {
		return 0, 0, false
	}
	return sum, len(spans), true
}

// order rewrites the members written from mark, at spans, as their count
// and the members in name order. It reports false for a repeated name.
func (t *transcoder) order(mark int, spans []memberSpan) bool {
	byName := func(a, b memberSpan) int { return bytes.Compare(a.name, b.name) }
	if slices.IsSortedFunc(spans, byName) {
		for i := 1; i < len(spans); i++ {
			if bytes.Equal(spans[i-1].name, spans[i].name) {
				return false
			}
		}
		t.insertCount(mark, len(spans))
		return true
	}
	slices.SortFunc(spans, byName)
	for i := 1; i < len(spans); i++ {
		if bytes.Equal(spans[i-1].name, spans[i].name) {
			return false
		}
	}
	t.tmp = append(t.tmp[:0], t.buf[mark:]...)
	t.buf = binary.AppendUvarint(t.buf[:mark], uint64(len(spans)))
	for _, s := range spans {
		t.buf = append(t.buf, t.tmp[s.start-mark:s.end-mark]...)
	}
	return true
}

// insertCount inserts the varint n at mark, before what follows it.
func (t *transcoder) insertCount(mark, n int) {
	var c [binary.MaxVarintLen64]byte
	k := binary.PutUvarint(c[:], uint64(n))
	end := len(t.buf)
	t.buf = append(t.buf, c[:k]...)
	copy(t.buf[mark+k:], t.buf[mark:end])
	copy(t.buf[mark:], c[:k])
}

// value reads an attribute value of one member and writes its tag and
// payload, returning its size.
func (t *transcoder) value(depth int) (int, bool) {
	if depth >= plainDepth || t.r.kind() != jsonObject {
		return 0, false
	}
	size, n := 0, 0
	err := t.r.readObject(func(name []byte) error {
		if n++; n > 1 {
			return errNotPlain
		}
		var ok bool
		if size, ok = t.field(typeByName(name), depth); !ok {
			return errNotPlain
		}
		return nil
	})
	return size, err == nil && n == 1
}

// field reads the member of type typ of an attribute value, returning its
// size.
func (t *transcoder) field(typ Type, depth int) (int, bool) {
	switch typ {
	case TypeS, TypeN, TypeB:
		return t.scalar(typ)
	case TypeBOOL, TypeNULL:
		if t.r.kind() != jsonBool {
			return 0, false
		}
		b, err := t.r.readBool()
		switch {
		case err != nil || (typ == TypeNULL && !b):
			return 0, false
		case typ == TypeNULL:
			t.buf = append(t.buf, tagNULL)
		case b:
			t.buf = append(t.buf, tagTrue)
		default:
			t.buf = append(t.buf, tagFalse)
		}
		return 1, true
	case TypeL:
		return t.list(depth)
	case TypeM:
		if t.r.kind() != jsonObject {
			return 0, false
		}
		t.buf = append(t.buf, tagM)
		sum, n, ok := t.members(depth + 1)
		return 3 + n + sum, ok
	}
	return 0, false // the sets, which need sorting and checks, and unknown members
}

// scalar reads an S, N or B.
func (t *transcoder) scalar(typ Type) (int, bool) {
	if t.r.kind() != jsonString {
		return 0, false
	}
	s, err := t.r.readStringBytes()
	if err != nil {
		return 0, false
	}
	switch typ {
	case TypeS:
		t.buf = appendBytes(append(t.buf, tagS), s)
		return len(s), true
	case TypeN:
		n, err := parseNumber(string(s))
		if err != nil {
			return 0, false
		}
		t.buf = n.appendKey(append(t.buf, tagN))
		return n.size(), true
	}
	b, err := decodeBase64(s)
	if err != nil {
		return 0, false
	}
	t.buf = appendBytes(append(t.buf, tagB), b)
	return len(b), true
}

// list reads an L whose elements are at depth+1.
func (t *transcoder) list(depth int) (int, bool) {
	if t.r.kind() != jsonArray {
		return 0, false
	}
	t.buf = append(t.buf, tagL)
	mark := len(t.buf)
	sum, n := 0, 0
	err := t.r.readArray(func() error {
		size, ok := t.value(depth + 1)
		if !ok {
			return errNotPlain
		}
		sum += size
		n++
		return nil
	})
	if err != nil {
		return 0, false
	}
	t.insertCount(mark, n)
	return 3 + n + sum, true
}
