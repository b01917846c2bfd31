package ddbtype

import (
	"slices"
	"testing"
)

// The orders DynamoDB Local 3.3.0 returns sets in (observed).
func TestSortSet(t *testing.T) {
	ss := StringSet("\uFFFD", "\U0001F600", "a", "Z", "é", "ab", "zz")
	ss.SortSet()
	if want := []string{"Z", "a", "ab", "zz", "é", "\U0001F600", "\uFFFD"}; !slices.Equal(ss.SS, want) {
		t.Errorf("SS sorted: %q, want %q", ss.SS, want)
	}
	ns := Value{Type: TypeNS, SS: []string{"10", "9", "-1", "1.5", "-20", "0.001", "1000", "100", "-1E+125", "1E-130"}}
	ns.SortSet()
	if want := []string{"-1E+125", "-20", "-1", "1E-130", "0.001", "1.5", "9", "10", "100", "1000"}; !slices.Equal(ns.SS, want) {
		t.Errorf("NS sorted: %q, want %q", ns.SS, want)
	}
	bs := BinarySet([]byte{0x00, 0xFF}, []byte{0x00, 0x10}, []byte{0x80}, []byte{0x7F}, []byte{0x00})
	bs.SortSet()
	if want := [][]byte{{0x80}, {0x00}, {0x00, 0xFF}, {0x00, 0x10}, {0x7F}}; !slices.EqualFunc(bs.BS, want, slices.Equal) {
		t.Errorf("BS sorted: %v, want %v", bs.BS, want)
	}
	l := List(String("b"), String("a"))
	l.SortSet()
	if l.L[0].S != "b" {
		t.Error("SortSet reordered a list")
	}
}

func TestCompareUTF16(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"a", "a", 0}, {"a", "ab", -1}, {"b", "ab", 1},
		{"\U0001F600", "\uFFFD", -1}, // a surrogate before U+FFFD
		{"\U0001F600", "\U0001F601", -1},
		{"\U00010000", "\U0010FFFF", -1},
		{"\uD7FF", "\U00010000", -1},
		{"é", "z", 1},
		{"x\xffa", "x\xfeb", 1}, // invalid UTF-8: by bytes
	}
	for _, tt := range tests {
		if got := compareUTF16(tt.a, tt.b); got != tt.want {
			t.Errorf("compareUTF16(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
