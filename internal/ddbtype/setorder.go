package ddbtype

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// SortSet puts the elements of an SS, NS or BS in the order DynamoDB
// Local returns them, which tests written against it come to depend on:
// strings by their UTF-16 code units (Java's String order), numbers by
// value, binaries by their bytes read as signed (Java's ByteBuffer
// order). DynamoDB itself keeps no order in a set. Other values are left
// alone; the numbers of an NS must be valid.
func (v *Value) SortSet() {
	switch v.Type {
	case TypeSS:
		if !slices.IsSortedFunc(v.SS, compareUTF16) {
			slices.SortFunc(v.SS, compareUTF16)
		}
	case TypeNS:
		sortNumbers(v.SS)
	case TypeBS:
		if !slices.IsSortedFunc(v.BS, compareSignedBytes) {
			slices.SortFunc(v.BS, compareSignedBytes)
		}
	}
}

// compareUTF16 compares two strings by their UTF-16 code units, as Java
// compares strings: unlike their UTF-8 bytes, a character beyond U+FFFF
// comes before U+E000 to U+FFFF, its first unit being a surrogate.
func compareUTF16(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	if i == len(a) || i == len(b) {
		return cmp.Compare(len(a), len(b))
	}
	for i > 0 && !utf8.RuneStart(a[i]) {
		i-- // back to the start of the characters that differ
	}
	ra, _ := utf8.DecodeRuneInString(a[i:])
	rb, _ := utf8.DecodeRuneInString(b[i:])
	if c := cmp.Compare(utf16Units(ra), utf16Units(rb)); c != 0 {
		return c
	}
	return strings.Compare(a[i:], b[i:]) // invalid UTF-8: by bytes
}

// utf16Units returns the UTF-16 code units of r, the first in the high
// half, so that they compare as the units do in turn.
func utf16Units(r rune) uint32 {
	if r < 0x10000 {
		return uint32(r) << 16
	}
	r -= 0x10000
	return (0xD800+uint32(r)>>10)<<16 | (0xDC00 + uint32(r)&0x3FF)
}

// compareSignedBytes compares two byte strings as Java's ByteBuffer
// does: byte by byte, each read as a signed number.
func compareSignedBytes(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return cmp.Compare(int8(a[i]), int8(b[i]))
		}
	}
	return cmp.Compare(len(a), len(b))
}

// sortNumbers sorts valid number texts by value, parsing each once.
func sortNumbers(ns []string) {
	type parsed struct {
		n    number
		text string
	}
	ps := make([]parsed, len(ns))
	for i, s := range ns {
		n, _ := parseNumber(s)
		ps[i] = parsed{n, s}
	}
	byValue := func(a, b parsed) int { return a.n.compare(b.n) }
	if slices.IsSortedFunc(ps, byValue) {
		return
	}
	slices.SortFunc(ps, byValue)
	for i, p := range ps {
		ns[i] = p.text
	}
}
