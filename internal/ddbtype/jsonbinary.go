package ddbtype

import (
	"slices"
)

// AppendItemJSONFromBinary appends, in the JSON wire format, the item
// whose binary encoding (Item.AppendBinary) is data with the attributes of
// extra added, replacing any of the same name. The output is what
// Item.AppendJSON writes for the decoded and merged item, without building
// it. It fails, having appended part of the item, when data is not a valid
// encoding.
func AppendItemJSONFromBinary(dst, data []byte, extra Item) ([]byte, error) {
	d, err := newCodecDecoder(data)
	if err != nil {
		return dst, err
	}
	w := binaryJSON{d: &d}
	if dst, err = w.item(dst, extra); err != nil {
		return dst, err
	}
	return dst, d.end()
}

// binaryJSON writes JSON from a binary encoding as it reads it.
type binaryJSON struct {
	d *codecDecoder
}

// item writes the top-level map merged with extra.
func (w binaryJSON) item(dst []byte, extra Item) ([]byte, error) {
	var buf [4]string
	names := buf[:0]
	for name := range extra {
		names = append(names, name)
	}
	slices.Sort(names)
	n, err := w.d.count()
	if err != nil {
		return dst, err
	}
	dst = append(dst, '{')
	first := true
	var prev []byte
	for i := 0; i < n; i++ {
		name, err := w.d.bytes()
		if err != nil {
			return dst, err
		}
		if i > 0 && string(name) <= string(prev) {
			return dst, w.d.corrupt("map names out of order")
		}
		prev = name
		for len(names) > 0 && names[0] < string(name) {
			dst, first = appendMember(dst, first, names[0], extra[names[0]]), false
			names = names[1:]
		}
		mark, wasFirst := len(dst), first
		dst, first = appendSeparator(dst, first)
		if dst, err = w.value(append(appendJSONString(dst, name), ':'), 0); err != nil {
			return dst, err
		}
		if len(names) > 0 && names[0] == string(name) { // replaced by extra
			dst = appendMember(dst[:mark], wasFirst, names[0], extra[names[0]])
			names = names[1:]
		}
	}
	for _, name := range names {
		dst, first = appendMember(dst, first, name, extra[name]), false
	}
	return append(dst, '}'), nil
}

// appendSeparator appends the comma before a member other than the
// first.
func appendSeparator(dst []byte, first bool) ([]byte, bool) {
	if !first {
		dst = append(dst, ',')
	}
	return dst, false
}

// appendMember appends a member of an object.
func appendMember(dst []byte, first bool, name string, v Value) []byte {
	dst, _ = appendSeparator(dst, first)
	return v.AppendJSON(append(appendJSONString(dst, name), ':'))
}

// value writes a tagged value.
func (w binaryJSON) value(dst []byte, depth int) ([]byte, error) {
	d := w.d
	if d.pos >= len(d.data) {
		return dst, errCodecTruncate
	}
	tag := d.data[d.pos]
	d.pos++
	switch tag {
	case tagNone:
		return append(dst, "{}"...), nil
	case tagFalse:
		return append(dst, `{"BOOL":false}`...), nil
	case tagTrue:
		return append(dst, `{"BOOL":true}`...), nil
	case tagNULL:
		return append(dst, `{"NULL":true}`...), nil
	case tagL, tagM:
		return w.container(dst, tag, depth)
	}
	return w.scalarOrSet(dst, tag)
}

// scalarOrSet writes a string, number, binary or set.
func (w binaryJSON) scalarOrSet(dst []byte, tag byte) ([]byte, error) {
	d := w.d
	switch tag {
	case tagS, tagB, tagNText:
		return w.scalar(dst, tag)
	case tagN:
		dst = append(dst, `{"N":"`...)
		n, size, err := decodeKeyNumber(d.data[d.pos:])
		if err != nil {
			return dst, d.corrupt("bad number")
		}
		d.pos += size
		return append(n.appendText(dst), `"}`...), nil
	}
	// Sets are rare in hot paths: decode, then write.
	d.pos--
	v, err := d.value(0)
	if err != nil {
		return dst, err
	}
	return v.AppendJSON(dst), nil
}

// scalar writes a string, binary or number kept as text.
func (w binaryJSON) scalar(dst []byte, tag byte) ([]byte, error) {
	b, err := w.d.bytes()
	if err != nil {
		return dst, err
	}
	switch tag {
	case tagS:
		return append(appendJSONString(append(dst, `{"S":`...), b), '}'), nil
	case tagB:
		return append(appendBase64(append(dst, `{"B":`...), b), '}'), nil
	}
	if _, ok := canonicalNumber(string(b)); ok {
		return dst, w.d.corrupt("canonical number stored as text")
	}
	return append(appendJSONString(append(dst, `{"N":`...), b), '}'), nil
}

// container writes an L or M.
func (w binaryJSON) container(dst []byte, tag byte, depth int) ([]byte, error) {
	d := w.d
	if depth >= MaxCodecDepth {
		return dst, d.corrupt("nested too deeply")
	}
	if tag == tagM {
		return w.mapBody(append(dst, `{"M":`...), depth+1)
	}
	n, err := d.count()
	if err != nil {
		return dst, err
	}
	dst = append(dst, `{"L":[`...)
	for i := 0; i < n; i++ {
		if i > 0 {
			dst = append(dst, ',')
		}
		if dst, err = w.value(dst, depth+1); err != nil {
			return dst, err
		}
	}
	return append(dst, "]}"...), nil
}

// mapBody writes the members of a map, which must be in strictly
// increasing name order, and the closing brace of the value.
func (w binaryJSON) mapBody(dst []byte, depth int) ([]byte, error) {
	d := w.d
	n, err := d.count()
	if err != nil {
		return dst, err
	}
	dst = append(dst, '{')
	var prev []byte
	for i := 0; i < n; i++ {
		name, err := d.bytes()
		if err != nil {
			return dst, err
		}
		if i > 0 && string(name) <= string(prev) {
			return dst, d.corrupt("map names out of order")
		}
		if i > 0 {
			dst = append(dst, ',')
		}
		prev = name
		if dst, err = w.value(append(appendJSONString(dst, name), ':'), depth); err != nil {
			return dst, err
		}
	}
	return append(dst, "}}"...), nil
}
