package ddbtype

import (
	"bytes"
	"strings"
)

// Compare orders two key values as DynamoDB orders sort keys and as the
// comparison operators <, <=, >, >= and BETWEEN compare values: strings
// bytewise by their UTF-8 encoding, numbers numerically and binaries
// bytewise as unsigned bytes. It returns -1, 0 or +1 and true, or 0 and
// false when the values are not of the same type among S, N and B (or a
// number is not valid), which DynamoDB treats as "not comparable": such a
// condition is false.
func Compare(a, b Value) (int, bool) {
	if a.Type != b.Type {
		return 0, false
	}
	switch a.Type {
	case TypeS:
		return strings.Compare(a.S, b.S), true
	case TypeB:
		return bytes.Compare(a.B, b.B), true
	case TypeN:
		c, err := CompareNumbers(a.S, b.S)
		return c, err == nil
	}
	return 0, false
}

// Equal reports whether a and b are equal as DynamoDB's = and <> operators
// (and IN, contains on lists) see them: same type and same value, numbers
// compared numerically ("1.0" equals "1"), sets compared as sets
// (order-insensitive; NS numerically), lists element by element, maps key
// by key. Two zero Values are equal.
func Equal(a, b Value) bool {
	if a.Type != b.Type {
		return false
	}
	switch a.Type {
	case TypeS:
		return a.S == b.S
	case TypeN:
		return equalNumbers(a.S, b.S)
	case TypeB:
		return bytes.Equal(a.B, b.B)
	case TypeBOOL:
		return a.Bool == b.Bool
	case TypeL:
		return equalLists(a.L, b.L)
	case TypeM:
		return equalMaps(a.M, b.M)
	case TypeSS:
		return equalSets(a.SS, b.SS, identity)
	case TypeNS:
		return equalSets(a.SS, b.SS, numberKey)
	case TypeBS:
		return equalSets(a.BS, b.BS, func(b []byte) string { return string(b) })
	}
	return true // TypeNone, TypeNULL
}

// equalNumbers compares number texts numerically, or textually if either
// is not a valid number.
func equalNumbers(a, b string) bool {
	if a == b {
		return true
	}
	c, err := CompareNumbers(a, b)
	return err == nil && c == 0
}

// equalLists compares lists element by element.
func equalLists(a, b []Value) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

// equalMaps compares maps key by key.
func equalMaps(a, b map[string]Value) bool {
	if len(a) != len(b) {
		return false
	}
	for k, va := range a {
		vb, ok := b[k]
		if !ok || !Equal(va, vb) {
			return false
		}
	}
	return true
}

// equalSets compares two sets whose elements map to comparable keys.
// Duplicates (which valid sets do not have) are ignored.
func equalSets[E any](a, b []E, key func(E) string) bool {
	if len(a) == len(b) && len(a) <= 8 {
		return equalSmallSets(a, b, key)
	}
	in := make(map[string]bool, len(a))
	for _, e := range a {
		in[key(e)] = false
	}
	for _, e := range b {
		k := key(e)
		if _, ok := in[k]; !ok {
			return false
		}
		in[k] = true
	}
	for _, seen := range in {
		if !seen {
			return false
		}
	}
	return true
}

// equalSmallSets compares two equally long sets without allocating.
func equalSmallSets[E any](a, b []E, key func(E) string) bool {
	return subset(a, b, key) && subset(b, a, key)
}

// subset reports whether every element of a is in b.
func subset[E any](a, b []E, key func(E) string) bool {
	for _, x := range a {
		found := false
		for _, y := range b {
			if key(x) == key(y) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// identity returns s.
func identity(s string) string { return s }

// numberKey returns the canonical form of a number, or the text itself if
// it is not a valid number, for comparing numbers as set elements.
func numberKey(s string) string {
	if c, err := CanonicalNumber(s); err == nil {
		return c
	}
	return s
}
