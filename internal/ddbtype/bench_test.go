package ddbtype

import (
	"encoding/json"
	"strings"
	"testing"
)

// benchItem is a typical item: keys, a few scalars, a nested document.
var benchItem = Item{
	"pk":      String("USER#alice"),
	"sk":      String("ORDER#2024-05-01#0001"),
	"total":   MustNumber("1234.56"),
	"count":   MustNumber("3"),
	"paid":    Bool(true),
	"note":    String(strings.Repeat("lorem ipsum ", 8)),
	"tags":    StringSet("new", "priority", "gift"),
	"address": Map(map[string]Value{"street": String("Main St 1"), "zip": String("12345"), "geo": List(MustNumber("52.52"), MustNumber("13.405"))}),
	"blob":    Binary([]byte("0123456789abcdef")),
	"deleted": Null(),
}

func BenchmarkAppendJSON(b *testing.B) {
	buf := make([]byte, 0, 1024)
	for b.Loop() {
		buf = benchItem.AppendJSON(buf[:0])
	}
}

func BenchmarkUnmarshalJSON(b *testing.B) {
	data := benchItem.AppendJSON(nil)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var it Item
		if err := it.UnmarshalJSON(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncodingJSONGeneric is a yardstick: encoding/json decoding the
// same document into generic values.
func BenchmarkEncodingJSONGeneric(b *testing.B) {
	data := benchItem.AppendJSON(nil)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var x map[string]any
		if err := json.Unmarshal(data, &x); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAppendBinary(b *testing.B) {
	buf := make([]byte, 0, 1024)
	for b.Loop() {
		buf, _ = benchItem.AppendBinary(buf[:0])
	}
}

func BenchmarkUnmarshalBinary(b *testing.B) {
	data, _ := benchItem.MarshalBinary()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var it Item
		if err := it.UnmarshalBinary(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAppendKeyNumber(b *testing.B) {
	v := MustNumber("-1234.5678")
	buf := make([]byte, 0, 32)
	for b.Loop() {
		buf, _ = AppendKey(buf[:0], v)
	}
}

func BenchmarkItemSize(b *testing.B) {
	for b.Loop() {
		_ = benchItem.Size()
	}
}
