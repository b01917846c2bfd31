package ddbtype

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// Binary storage format.
//
// An encoded Value or Item starts with the format version (currently 1).
// An Item continues with the number of attributes and the attributes in
// name order, each a name and a value. A value is a tag byte and a
// payload; lengths and counts are unsigned varints:
//
//	0  zero Value       -
//	1  S                length, UTF-8 bytes
//	2  N                key encoding (see AppendKey)
//	3  B                length, bytes
//	4  BOOL false       -
//	5  BOOL true        -
//	6  NULL             -
//	7  L                count, values
//	8  M                count, (name length, name, value) in name order
//	9  SS               count, (length, bytes)
//	10 NS               count, key encodings
//	11 BS               count, (length, bytes)
//	12 N as text        length, text: a number that is not canonical
//	13 NS as text       count, (length, text): a set with such a number
//
// The encoding of a value is unique: the decoder rejects non-minimal
// varints, unsorted or repeated map names and numbers stored as text that
// have the compact form.
//
// Numbers DynamoDB can store, in canonical form, use the compact key
// encoding; anything else is kept as text, so every Value round-trips
// exactly. The decoder checks all lengths against the input and never
// panics on malformed input.
const (
	codecVersion = 1

	tagNone   = 0
	tagS      = 1
	tagN      = 2
	tagB      = 3
	tagFalse  = 4
	tagTrue   = 5
	tagNULL   = 6
	tagL      = 7
	tagM      = 8
	tagSS     = 9
	tagNS     = 10
	tagBS     = 11
	tagNText  = 12
	tagNSText = 13

	// MaxCodecDepth bounds the nesting of L and M the binary format
	// accepts, far above DynamoDB's MaxNestingDepth.
	MaxCodecDepth = 1000
)

var (
	errCodecTooDeep  = errors.New("ddbtype: value nested too deeply to encode")
	errCodecTruncate = errors.New("ddbtype: truncated binary value")
)

// AppendBinary appends the binary storage encoding of v to b. It
// implements encoding.BinaryAppender and fails only for values nested
// deeper than MaxCodecDepth.
func (v Value) AppendBinary(b []byte) ([]byte, error) {
	return appendValue(append(b, codecVersion), v, 0)
}

// MarshalBinary returns the binary storage encoding of v. It implements
// encoding.BinaryMarshaler.
func (v Value) MarshalBinary() ([]byte, error) {
	return v.AppendBinary(nil)
}

// UnmarshalBinary decodes v from its binary storage encoding. It
// implements encoding.BinaryUnmarshaler; v is only changed on success.
func (v *Value) UnmarshalBinary(data []byte) error {
	d, err := newCodecDecoder(data)
	if err != nil {
		return err
	}
	val, err := d.value(0)
	if err == nil {
		err = d.end()
	}
	if err == nil {
		*v = val
	}
	return err
}

// AppendBinary appends the binary storage encoding of the item to b. It
// implements encoding.BinaryAppender.
func (it Item) AppendBinary(b []byte) ([]byte, error) {
	return appendMap(append(b, codecVersion), it, 0)
}

// AppendBinaryOmit appends the binary storage encoding of the item
// without the attributes named omit1 and omit2 (an empty name omits
// nothing): the encoding of a copy of the item lacking them, made without
// the copy.
func (it Item) AppendBinaryOmit(b []byte, omit1, omit2 string) ([]byte, error) {
	var buf [16]string
	names := buf[:0]
	for name := range it {
		if name == "" || (name != omit1 && name != omit2) {
			names = append(names, name)
		}
	}
	return appendNames(append(b, codecVersion), it, names, 0)
}

// MarshalBinary returns the binary storage encoding of the item. It
// implements encoding.BinaryMarshaler.
func (it Item) MarshalBinary() ([]byte, error) {
	return it.AppendBinary(nil)
}

// UnmarshalBinary decodes the item from its binary storage encoding. It
// implements encoding.BinaryUnmarshaler; the item is only changed on
// success.
func (it *Item) UnmarshalBinary(data []byte) error {
	d, err := newCodecDecoder(data)
	if err != nil {
		return err
	}
	m, err := d.mapBody(0)
	if err == nil {
		err = d.end()
	}
	if err == nil {
		*it = m
	}
	return err
}

// appendValue appends the tag and payload of v.
func appendValue(b []byte, v Value, depth int) ([]byte, error) {
	switch v.Type {
	case TypeS:
		return appendBytes(append(b, tagS), v.S), nil
	case TypeN:
		return appendNumber(b, v.S), nil
	case TypeB:
		return appendBytes(append(b, tagB), v.B), nil
	case TypeBOOL:
		if v.Bool {
			return append(b, tagTrue), nil
		}
		return append(b, tagFalse), nil
	case TypeNULL:
		return append(b, tagNULL), nil
	case TypeL, TypeM:
		if depth >= MaxCodecDepth {
			return b, errCodecTooDeep
		}
		if v.Type == TypeM {
			return appendMap(append(b, tagM), v.M, depth+1)
		}
		return appendList(b, v.L, depth+1)
	case TypeSS:
		return appendStrings(append(b, tagSS), v.SS), nil
	case TypeNS:
		return appendNumberSet(b, v.SS), nil
	case TypeBS:
		return appendStrings(append(b, tagBS), v.BS), nil
	}
	return append(b, tagNone), nil
}

// appendBytes appends a length-prefixed string or byte slice.
func appendBytes[T string | []byte](b []byte, s T) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// appendStrings appends a count and length-prefixed elements.
func appendStrings[T string | []byte](b []byte, ss []T) []byte {
	b = binary.AppendUvarint(b, uint64(len(ss)))
	for _, s := range ss {
		b = appendBytes(b, s)
	}
	return b
}

// canonicalNumber parses s if it is a storable number in canonical form.
func canonicalNumber(s string) (number, bool) {
	n, err := parseNumber(s)
	if err != nil {
		return number{}, false
	}
	var buf [256]byte
	return n, string(n.appendText(buf[:0])) == s
}

// appendNumber appends an N, compactly if it is canonical.
func appendNumber(b []byte, s string) []byte {
	if n, ok := canonicalNumber(s); ok {
		return n.appendKey(append(b, tagN))
	}
	return appendBytes(append(b, tagNText), s)
}

// allCanonical reports whether all numbers are storable and canonical.
func allCanonical(ns []string) bool {
	for _, s := range ns {
		if _, ok := canonicalNumber(s); !ok {
			return false
		}
	}
	return true
}

// appendNumberSet appends an NS, compactly if all numbers are canonical.
func appendNumberSet(b []byte, ns []string) []byte {
	if !allCanonical(ns) {
		return appendStrings(append(b, tagNSText), ns)
	}
	b = binary.AppendUvarint(append(b, tagNS), uint64(len(ns)))
	for _, s := range ns {
		n, _ := canonicalNumber(s)
		b = n.appendKey(b)
	}
	return b
}

// appendList appends an L whose elements are at the given depth.
func appendList(b []byte, l []Value, depth int) ([]byte, error) {
	b = binary.AppendUvarint(append(b, tagL), uint64(len(l)))
	var err error
	for _, v := range l {
		if b, err = appendValue(b, v, depth); err != nil {
			return b, err
		}
	}
	return b, nil
}

// appendMap appends the count and members of a map in name order; the
// members are at the given depth.
func appendMap(b []byte, m map[string]Value, depth int) ([]byte, error) {
	var buf [16]string
	names := buf[:0]
	for name := range m {
		names = append(names, name)
	}
	return appendNames(b, m, names, depth)
}

// appendNames appends the count and members of m named in names, sorting
// names.
func appendNames(b []byte, m map[string]Value, names []string, depth int) ([]byte, error) {
	slices.Sort(names)
	b = binary.AppendUvarint(b, uint64(len(names)))
	var err error
	for _, name := range names {
		b = appendBytes(b, name)
		if b, err = appendValue(b, m[name], depth); err != nil {
			return b, err
		}
	}
	return b, nil
}

// codecDecoder reads the binary storage format.
type codecDecoder struct {
	data []byte
	pos  int
}

// newCodecDecoder checks the version byte. It returns the decoder by
// value, so that callers can keep it on the stack.
func newCodecDecoder(data []byte) (codecDecoder, error) {
	if len(data) == 0 {
		return codecDecoder{}, errCodecTruncate
	}
	if data[0] != codecVersion {
		return codecDecoder{}, fmt.Errorf("ddbtype: unknown binary format version %d", data[0])
	}
	return codecDecoder{data: data, pos: 1}, nil
}

// corrupt returns the error for malformed input at the current position.
func (d *codecDecoder) corrupt(what string) error {
	return fmt.Errorf("ddbtype: malformed binary value at offset %d: %s", d.pos, what)
}

// end checks that the input is used up.
func (d *codecDecoder) end() error {
	if d.pos != len(d.data) {
		return d.corrupt("trailing bytes")
	}
	return nil
}

// count reads a count of elements, each taking at least one byte.
func (d *codecDecoder) count() (int, error) {
	n, size := binary.Uvarint(d.data[d.pos:])
	if size <= 0 {
		return 0, errCodecTruncate
	}
	if size > 1 && d.data[d.pos+size-1] == 0 {
		return 0, d.corrupt("non-minimal varint")
	}
	d.pos += size
	if n > uint64(len(d.data)-d.pos) {
		return 0, errCodecTruncate
	}
	return int(n), nil
}

// bytes reads a length-prefixed byte string, aliasing the input.
func (d *codecDecoder) bytes() ([]byte, error) {
	n, err := d.count()
	if err != nil {
		return nil, err
	}
	b := d.data[d.pos : d.pos+n : d.pos+n]
	d.pos += n
	return b, nil
}

// str reads a length-prefixed string.
func (d *codecDecoder) str() (string, error) {
	b, err := d.bytes()
	return string(b), err
}

// value reads a tag and its payload.
func (d *codecDecoder) value(depth int) (Value, error) {
	if d.pos >= len(d.data) {
		return Value{}, errCodecTruncate
	}
	tag := d.data[d.pos]
	d.pos++
	switch tag {
	case tagNone:
		return Value{}, nil
	case tagFalse, tagTrue:
		return Bool(tag == tagTrue), nil
	case tagNULL:
		return Null(), nil
	case tagL, tagM:
		return d.container(tag, depth)
	}
	return d.scalarOrSet(tag)
}

// scalarOrSet reads the payload of a string, number, binary or set.
func (d *codecDecoder) scalarOrSet(tag byte) (Value, error) {
	switch tag {
	case tagS:
		s, err := d.str()
		return Value{Type: TypeS, S: s}, err
	case tagN:
		s, err := d.number()
		return Value{Type: TypeN, S: s}, err
	case tagNText:
		s, err := d.str()
		if _, ok := canonicalNumber(s); ok && err == nil {
			return Value{}, d.corrupt("canonical number stored as text")
		}
		return Value{Type: TypeN, S: s}, err
	case tagB:
		b, err := d.bytes()
		return Value{Type: TypeB, B: slices.Clone(b)}, err
	case tagSS:
		ss, err := d.strings()
		return Value{Type: TypeSS, SS: ss}, err
	case tagNSText:
		ss, err := d.strings()
		if err == nil && allCanonical(ss) {
			return Value{}, d.corrupt("canonical numbers stored as text")
		}
		return Value{Type: TypeNS, SS: ss}, err
	case tagNS:
		ns, err := d.numbers()
		return Value{Type: TypeNS, SS: ns}, err
	case tagBS:
		bs, err := d.binaries()
		return Value{Type: TypeBS, BS: bs}, err
	}
	d.pos--
	return Value{}, d.corrupt(fmt.Sprintf("unknown tag %d", tag))
}

// number reads a key-encoded number.
func (d *codecDecoder) number() (string, error) {
	n, size, err := decodeKeyNumber(d.data[d.pos:])
	if err != nil {
		return "", d.corrupt("bad number")
	}
	d.pos += size
	return n.String(), nil
}

// strings reads a set of strings.
func (d *codecDecoder) strings() ([]string, error) {
	n, err := d.count()
	if err != nil {
		return nil, err
	}
	ss := make([]string, n)
	for i := range ss {
		if ss[i], err = d.str(); err != nil {
			return nil, err
		}
	}
	return ss, nil
}

// numbers reads a set of key-encoded numbers.
func (d *codecDecoder) numbers() ([]string, error) {
	n, err := d.count()
	if err != nil {
		return nil, err
	}
	ns := make([]string, n)
	for i := range ns {
		if ns[i], err = d.number(); err != nil {
			return nil, err
		}
	}
	return ns, nil
}

// binaries reads a set of binaries.
func (d *codecDecoder) binaries() ([][]byte, error) {
	n, err := d.count()
	if err != nil {
		return nil, err
	}
	bs := make([][]byte, n)
	for i := range bs {
		b, err := d.bytes()
		if err != nil {
			return nil, err
		}
		bs[i] = slices.Clone(b)
	}
	return bs, nil
}

// container reads an L or M.
func (d *codecDecoder) container(tag byte, depth int) (Value, error) {
	if depth >= MaxCodecDepth {
		return Value{}, d.corrupt("nested too deeply")
	}
	if tag == tagM {
		m, err := d.mapBody(depth + 1)
		return Value{Type: TypeM, M: m}, err
	}
	n, err := d.count()
	if err != nil {
		return Value{}, err
	}
	l := make([]Value, n)
	for i := range l {
		if l[i], err = d.value(depth + 1); err != nil {
			return Value{}, err
		}
	}
	return Value{Type: TypeL, L: l}, nil
}

// mapBody reads the count and members of a map, which must be in strictly
// increasing name order.
func (d *codecDecoder) mapBody(depth int) (map[string]Value, error) {
	n, err := d.count()
	if err != nil {
		return nil, err
	}
	m := make(map[string]Value, n)
	prev := ""
	for i := 0; i < n; i++ {
		name, err := d.str()
		if err != nil {
			return nil, err
		}
		if i > 0 && name <= prev {
			return nil, d.corrupt("map names out of order")
		}
		if m[name], err = d.value(depth); err != nil {
			return nil, err
		}
		prev = name
	}
	return m, nil
}
