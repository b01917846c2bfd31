package ddbtype

import (
	"bytes"
	"testing"
)

// checkFromBinary compares AppendItemJSONFromBinary of data with
// UnmarshalBinary, merging extra, then AppendJSON.
func checkFromBinary(t *testing.T, data []byte, extra Item) {
	t.Helper()
	var it Item
	werr := it.UnmarshalBinary(data)
	got, err := AppendItemJSONFromBinary([]byte("x"), data, extra)
	if (err != nil) != (werr != nil) {
		t.Fatalf("%q: error %v, UnmarshalBinary %v", data, err, werr)
	}
	if err != nil {
		return
	}
	for k, v := range extra {
		it[k] = v
	}
	if want := it.AppendJSON([]byte("x")); !bytes.Equal(got, want) {
		t.Fatalf("%q:\ngot  %s\nwant %s", data, got, want)
	}
}

func TestAppendItemJSONFromBinary(t *testing.T) {
	items := []Item{
		{},
		{"a": String("x\"\n\u2028\xff"), "b": MustNumber("-12.5e3"), "c": Binary([]byte{0, 1, 2}), "d": Bool(true), "e": Bool(false), "f": Null()},
		{"l": List(String("a"), List(), Map(map[string]Value{"z": Int(1), "y": Map(nil)})), "m": Map(map[string]Value{"k": StringSet("a", "b")})},
		{"ns": Value{Type: TypeNS, SS: []string{"1", "1.0", "2"}}, "n": Value{Type: TypeN, S: "01"}, "bs": BinarySet([]byte("a")), "z": {}},
	}
	extras := []Item{nil, {"PK": String("p")}, {"a": Int(7), "zz": String("s"), "0": Null()}, {"l": Bool(true)}}
	for _, it := range items {
		data, err := it.AppendBinary(nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, extra := range extras {
			checkFromBinary(t, data, extra)
		}
		for i := range data { // truncated and corrupted encodings fail alike
			checkFromBinary(t, data[:i], nil)
			c := bytes.Clone(data)
			c[i] ^= 0x41
			checkFromBinary(t, c, nil)
		}
	}
}

// FuzzAppendItemJSONFromBinary compares AppendItemJSONFromBinary with
// decoding then AppendJSON, on generated items and on arbitrary bytes.
func FuzzAppendItemJSONFromBinary(f *testing.F) {
	f.Add([]byte("\x08\x03\x01a\x01b\x02xy"), []byte("\x01\x01\x00\x00"))
	f.Add([]byte("\x06\x03\x01\x05\x07\x02\x00\x01a\x03\x09\x02\x0a\x01"), []byte{})
	f.Fuzz(func(t *testing.T, gdata, raw []byte) {
		g := gen{b: gdata}
		it := Item{g.str(true): g.value(0, true), g.str(true): g.value(0, true)}
		extra := Item{g.str(true): g.value(0, true)}
		data, err := it.AppendBinary(nil)
		if err != nil {
			t.Fatal(err)
		}
		checkFromBinary(t, data, extra)
		checkFromBinary(t, raw, nil)
	})
}

func BenchmarkAppendItemJSONFromBinary(b *testing.B) {
	it := Item{"name": String("user name number 42 with some padding text"), "email": String("user42@example.com"),
		"n": Int(42), "payload": String("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")}
	data, _ := it.AppendBinary(nil)
	extra := Item{"PK": String("USER#1"), "SK": String("GROUP#1")}
	b.ReportAllocs()
	var dst []byte
	for range b.N {
		dst, _ = AppendItemJSONFromBinary(dst[:0], data, extra)
	}
}
