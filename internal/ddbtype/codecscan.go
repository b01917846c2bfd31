package ddbtype

import (
	"encoding/binary"
	"unsafe"
)

// Reading single attributes of an encoded item without decoding the rest.

// LookupBinary returns the attribute named name of the item whose binary
// encoding (Item.AppendBinary's) is data, and whether the item has it. It
// fails when data is not a valid encoding up to that attribute.
func LookupBinary(data []byte, name string) (Value, bool, error) {
	return lookupBinary(data, name, false)
}

// LookupBinaryShared is LookupBinary for a value that is only read while
// data is unchanged: a string or binary value shares data's bytes rather
// than copy them, as DecodeKeyShared's does.
func LookupBinaryShared(data []byte, name string) (Value, bool, error) {
	return lookupBinary(data, name, true)
}

// lookupBinary is LookupBinary, or LookupBinaryShared when shared is set.
func lookupBinary(data []byte, name string, shared bool) (Value, bool, error) {
	d, err := newCodecDecoder(data)
	if err != nil {
		return Value{}, false, err
	}
	n, err := d.count()
	for i := 0; i < n && err == nil; i++ {
		var got []byte
		if got, err = d.bytes(); err != nil {
			break
		}
		switch {
		case string(got) == name:
			if shared {
				v, err := d.sharedValue()
				return v, err == nil, err
			}
			v, err := d.value(0)
			return v, err == nil, err
		case string(got) > name: // names are in order
			return Value{}, false, nil
		}
		err = d.skip(0)
	}
	return Value{}, false, err
}

// AppendBinaryOmitted appends to dst the binary encoding of the item
// encoded in data without its attributes named omit1 and omit2 (an empty
// name omits nothing): what AppendBinaryOmit writes for the decoded item,
// without decoding it.
func AppendBinaryOmitted(dst, data []byte, omit1, omit2 string) ([]byte, error) {
	d, err := newCodecDecoder(data)
	if err != nil {
		return dst, err
	}
	n, err := d.count()
	if err != nil {
		return dst, err
	}
	var gaps [2][2]int // the omitted members' spans in data
	omitted := 0
	for i := 0; i < n; i++ {
		start := d.pos
		name, err := d.bytes()
		if err != nil {
			return dst, err
		}
		if err := d.skip(0); err != nil {
			return dst, err
		}
		if len(name) > 0 && omitted < len(gaps) && (string(name) == omit1 || string(name) == omit2) {
			gaps[omitted] = [2]int{start, d.pos}
			omitted++
		}
	}
	if err := d.end(); err != nil {
		return dst, err
	}
	dst = binary.AppendUvarint(append(dst, codecVersion), uint64(n-omitted))
	from := 1 + uvarintLen(uint64(n)) // the first member; counts are minimal varints
	for _, g := range gaps[:omitted] {
		dst = append(dst, data[from:g[0]]...)
		from = g[1]
	}
	return append(dst, data[from:]...), nil
}

// uvarintLen returns the length of the varint encoding of n.
func uvarintLen(n uint64) int {
	var b [binary.MaxVarintLen64]byte
	return binary.PutUvarint(b[:], n)
}

// skip moves past a value, checking its structure as value would but
// building nothing.
func (d *codecDecoder) skip(depth int) error {
	if d.pos >= len(d.data) {
		return errCodecTruncate
	}
	tag := d.data[d.pos]
	d.pos++
	switch tag {
	case tagNone, tagFalse, tagTrue, tagNULL:
		return nil
	case tagS, tagB, tagNText:
		_, err := d.bytes()
		return err
	case tagN:
		return d.skipNumber()
	case tagL, tagM:
		return d.skipContainer(tag, depth)
	case tagSS, tagBS, tagNSText, tagNS:
		return d.skipSet(tag)
	}
	d.pos--
	return d.corrupt("unknown tag")
}

// skipContainer moves past the payload of an L or M.
func (d *codecDecoder) skipContainer(tag byte, depth int) error {
	if depth >= MaxCodecDepth {
		return d.corrupt("nested too deeply")
	}
	n, err := d.count()
	for i := 0; i < n && err == nil; i++ {
		if tag == tagM {
			if _, err = d.bytes(); err != nil {
				break
			}
		}
		err = d.skip(depth + 1)
	}
	return err
}

// skipSet moves past the payload of a set.
func (d *codecDecoder) skipSet(tag byte) error {
	n, err := d.count()
	for i := 0; i < n && err == nil; i++ {
		if tag == tagNS {
			err = d.skipNumber()
		} else {
			_, err = d.bytes()
		}
	}
	return err
}

// skipNumber moves past a key-encoded number.
func (d *codecDecoder) skipNumber() error {
	_, size, err := decodeKeyNumber(d.data[d.pos:])
	if err != nil {
		return d.corrupt("bad number")
	}
	d.pos += size
	return nil
}

// sharedValue reads a value as value does, but a string or binary one
// shares the decoder's bytes.
func (d *codecDecoder) sharedValue() (Value, error) {
	if d.pos < len(d.data) {
		switch tag := d.data[d.pos]; tag {
		case tagS, tagB:
			d.pos++
			b, err := d.bytes()
			if tag == tagB {
				return Value{Type: TypeB, B: b[:len(b):len(b)]}, err
			}
			return Value{Type: TypeS, S: unsafe.String(unsafe.SliceData(b), len(b))}, err
		}
	}
	return d.value(0)
}
