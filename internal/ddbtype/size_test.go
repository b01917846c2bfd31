package ddbtype

import (
	"errors"
	"strings"
	"testing"
)

func TestNumberSize(t *testing.T) {
	tests := []struct {
		n    string
		want int
	}{
		// Measured on DynamoDB (eu-west-2) by nubo-db/dynoxide.
		{"1", 2}, {"12", 2}, {"123", 3}, {"1234", 3}, {"12345", 4},
		{"123456", 4}, {"1234567", 5}, {"12345678", 5}, {"123456789", 6},
		{"1234567891", 6}, {"12345678912", 7}, {"123456789123", 7},
		{"1234567890123456789", 11},
		{"12345678901234567890123456789012345678", 20},
		{"0042", 2}, {"100", 2}, {"1010", 3}, {"0.0000001", 2}, {"0", 1},
		{"1E125", 2}, {"1E-100", 2},
		{"1.5", 3}, {"1.2", 3}, {"1.200", 3}, {"1.234", 4}, {"3.14159", 5},
		{"100.5", 4}, {"0.15", 2}, {"15", 2},
		{"-42", 3}, {"-12345", 5}, {"-1E125", 3}, {"-0.15", 3}, {"-0", 1},
		// dynalite's item-size tests (against DynamoDB).
		{strings.Repeat("1", 38) + strings.Repeat("0", 88), 20},
		{"11" + strings.Repeat("0", 124), 2},
		{"11111" + strings.Repeat("0", 121), 4},
		{"1111111" + strings.Repeat("0", 119), 5},
		// Oracle NUMBER layout where the two published formulas differ.
		{"120", 3},   // 01|20
		{"11000", 3}, // 01|10|00
		{"0.011", 3}, // .01|10
		{"10", 2},
		{"0.5", 2},
		// Negative with 20 base-100 digits: no terminator (Oracle).
		{"-1.0000000000000000000000000000000000001", 21},
		{"-1234567890123456789012345678901234567.8", 21},
		{"-12345678901234567890123456789012345678", 21},
		// Not a number: its length.
		{"abc", 3},
	}
	for _, tt := range tests {
		if got := numberSize(tt.n); got != tt.want {
			t.Errorf("numberSize(%q) = %d; want %d", tt.n, got, tt.want)
		}
	}
}

func TestValueSize(t *testing.T) {
	tests := []struct {
		v    Value
		want int
	}{
		{Value{}, 0},
		{String(""), 0},
		{String("héllo"), 6},
		{MustNumber("42"), 2},
		{Binary([]byte{1, 2, 3}), 3},
		{Bool(false), 1},
		{Null(), 1},
		{List(), 3},
		{List(String("ab"), Null()), 3 + 1 + 2 + 1 + 1},
		{Map(nil), 3},
		{Map(map[string]Value{"ab": String("xyz")}), 3 + 1 + 2 + 3},
		{Map(map[string]Value{"a": List(Bool(true))}), 3 + 1 + 1 + (3 + 1 + 1)},
		{StringSet("a", "bc"), 3},
		{Value{Type: TypeNS, SS: []string{"1", "-42", "1.5"}}, 2 + 3 + 3},
		{BinarySet([]byte{1}, []byte{2, 3}), 3},
	}
	for _, tt := range tests {
		if got := tt.v.Size(); got != tt.want {
			t.Errorf("%v.Size() = %d; want %d", tt.v, got, tt.want)
		}
	}
	it := Item{"pk": String("abc"), "n": MustNumber("1"), "ü": Bool(true)}
	if got, want := it.Size(), 2+3+1+2+2+1; got != want {
		t.Errorf("Item.Size() = %d; want %d", got, want)
	}
}

func TestCheckItemSize(t *testing.T) {
	// dynalite: an item of exactly 409600 bytes passes, one more fails.
	ok := Item{"a": String("k"), "b": String(strings.Repeat("x", MaxItemSize-3))}
	if err := CheckItemSize(ok); err != nil {
		t.Errorf("CheckItemSize(409600 bytes) = %v", err)
	}
	ok["b"] = String(strings.Repeat("x", MaxItemSize-2))
	var ve *ValidationError
	if err := CheckItemSize(ok); !errors.As(err, &ve) || ve.Message != "Item size has exceeded the maximum allowed size" {
		t.Errorf("CheckItemSize(409601 bytes) = %v", err)
	}
	if size, err := CheckedItemSize(ok); size != MaxItemSize+1 || err == nil || err.Error() != CheckItemSize(ok).Error() {
		t.Errorf("CheckedItemSize(409601 bytes) = %d, %v", size, err)
	}
}

func TestCheckKeySize(t *testing.T) {
	tests := []struct {
		v         Value
		partition bool
		want      string
	}{
		{String(strings.Repeat("a", 2048)), true, ""},
		{String(strings.Repeat("a", 2049)), true, msgPartitionKeySize},
		{Binary(make([]byte, 2049)), true, msgPartitionKeySize},
		{String(strings.Repeat("a", 1024)), false, ""},
		{String(strings.Repeat("é", 513)), false, msgSortKeySize},
		{Binary(make([]byte, 1025)), false, msgSortKeySize},
		{MustNumber("9.9999999999999999999999999999999999999E+125"), false, ""},
	}
	for _, tt := range tests {
		err := CheckKeySize(tt.v, tt.partition)
		got := ""
		if err != nil {
			got = err.(*ValidationError).Message
		}
		if got != tt.want {
			t.Errorf("CheckKeySize(%d bytes, %v) = %q; want %q", tt.v.Size(), tt.partition, got, tt.want)
		}
	}
}

func TestCapacityUnits(t *testing.T) {
	tests := []struct {
		size              int
		write, strong, ev float64
	}{
		{0, 1, 1, 0.5},
		{1, 1, 1, 0.5},
		{1024, 1, 1, 0.5},
		{1025, 2, 1, 0.5},
		{4096, 4, 1, 0.5},
		{4097, 5, 2, 1},
		{MaxItemSize, 400, 100, 50},
	}
	for _, tt := range tests {
		if got := WriteCapacityUnits(tt.size); got != tt.write {
			t.Errorf("WriteCapacityUnits(%d) = %v; want %v", tt.size, got, tt.write)
		}
		if got := ReadCapacityUnits(tt.size, true); got != tt.strong {
			t.Errorf("ReadCapacityUnits(%d, true) = %v; want %v", tt.size, got, tt.strong)
		}
		if got := ReadCapacityUnits(tt.size, false); got != tt.ev {
			t.Errorf("ReadCapacityUnits(%d, false) = %v; want %v", tt.size, got, tt.ev)
		}
	}
}
