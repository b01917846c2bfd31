package ddbtype

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// plainItems are items the transcoder encodes itself.
var plainItems = []string{
	`{}`,
	`{"PK":{"S":"USER#1"},"SK":{"S":"GROUP#2"},"n":{"N":"1.50"},"e":{"S":""}}`,
	`{"b":{"B":"AQID"},"t":{"BOOL":true},"f":{"BOOL":false},"z":{"NULL":true}}`,
	` { "z" : { "N" : "-0.000120e3" } , "a" : { "L" : [ { "S" : "x" } , { "L" : [ ] } ] } } `,
	`{"m":{"M":{"y":{"N":"2"},"x":{"M":{}},"é":{"S":"\u00e9\ud83d\ude00"}}},"l":{"L":[{"M":{"b":{"N":"0"},"a":{"S":"a"}}}]}}`,
	`{"esc\"aped":{"S":"line\nbreak"},"` + strings.Repeat("k", 200) + `":{"S":"` + strings.Repeat("v", 300) + `"}}`,
	`{"deep":` + strings.Repeat(`{"L":[`, plainDepth-1) + `{"N":"1"}` + strings.Repeat(`]}`, plainDepth-1) + `}`,
}

// otherItems are items (or errors) the transcoder leaves to the map
// decoder.
var otherItems = []string{
	`null`,
	`{"s":{"SS":["b","a"]}}`,
	`{"n":{"NS":["1","1.0"]}}`,
	`{"a":{"S":"x"},"a":{"S":"y"}}`,
	`{"a":{"S":"x","N":"1"}}`,
	`{"a":{"S":null,"N":"1"}}`,
	`{"a":{"S":"x","other":1}}`,
	`{"a":{}}`,
	`{"a":{"N":"x"}}`,
	`{"a":{"N":"1e200"}}`,
	`{"a":{"B":"AQI"}}`,
	`{"a":{"NULL":false}}`,
	`{"a":{"BOOL":"yes"}}`,
	`{"a":{"S":1}}`,
	`{"a":null}`,
	`{"a":{"M":{"a":{"S":"x"},"a":{"N":"1"}}}}`,
	`{"deep":` + strings.Repeat(`{"L":[`, plainDepth) + `{"N":"1"}` + strings.Repeat(`]}`, plainDepth) + `}`,
	`{"a":{"S":"x"}`,
	`[]`,
}

// TestTranscodePlainItems checks that the transcoder takes plain items and
// leaves the others, and that ReadEncodedItem matches the map decoder on
// both.
func TestTranscodePlainItems(t *testing.T) {
	for _, s := range plainItems {
		r := jsonReader{data: []byte(s)}
		if _, ok := transcodeItem(&r); !ok {
			t.Errorf("not transcoded: %s", s)
		}
		checkEncodedItem(t, []byte(s))
	}
	for _, s := range otherItems {
		r := jsonReader{data: []byte(s)}
		if _, ok := transcodeItem(&r); ok {
			t.Errorf("transcoded: %s", s)
		}
		checkEncodedItem(t, []byte(s))
	}
}

// FuzzEncodedItem reads arbitrary input with ReadEncodedItem and with
// ReadItem followed by AppendBinary: errors, encodings and sizes must be
// the same, and the encoded item's attributes read one at a time and
// without its key attributes must match the map's.
func FuzzEncodedItem(f *testing.F) {
	for _, s := range append(plainItems, otherItems...) {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkEncodedItem(t, data)
	})
}

// checkEncodedItem compares ReadEncodedItem with the map decoder on data.
func checkEncodedItem(t *testing.T, data []byte) {
	t.Helper()
	r := NewJSONReader(data)
	e, err := r.ReadEncodedItem()
	if err == nil {
		err = r.End()
	}
	want := NewJSONReader(data)
	it, werr := want.ReadItem()
	if werr == nil {
		werr = want.End()
	}
	if (err == nil) != (werr == nil) || (err != nil && err.Error() != werr.Error()) {
		t.Fatalf("%q: error %v, map decoder's %v", data, err, werr)
	}
	if err != nil {
		return
	}
	if it == nil {
		if e.Data != nil || e.Item != nil {
			t.Fatalf("%q: null gave %+v", data, e)
		}
		return
	}
	enc, err := it.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(e.Data, enc) || e.Size != it.Size() {
		t.Fatalf("%q: encoded %x size %d, map decoder's %x size %d", data, e.Data, e.Size, enc, it.Size())
	}
	if got := e.Decoded(); !reflect.DeepEqual(got, it) {
		t.Fatalf("%q: decoded %v, want %v", data, got, it)
	}
	checkScan(t, e.Data, it)
}

// checkScan checks LookupBinary, LookupBinaryShared and
// AppendBinaryOmitted on an item's encoding against the item.
func checkScan(t *testing.T, data []byte, it Item) {
	t.Helper()
	names := []string{"", "a", "PK", "zz"}
	for name := range it {
		names = append(names, name)
	}
	for i, name := range names {
		v, ok, err := LookupBinary(data, name)
		want, wantOK := it[name]
		if err != nil || ok != wantOK || !reflect.DeepEqual(v, want) {
			t.Fatalf("LookupBinary %q: %v %v %v, want %v %v", name, v, ok, err, want, wantOK)
		}
		v, ok, err = LookupBinaryShared(data, name)
		if err != nil || ok != wantOK || !reflect.DeepEqual(v, want) {
			t.Fatalf("LookupBinaryShared %q: %v %v %v, want %v %v", name, v, ok, err, want, wantOK)
		}
		other := names[(i+1)%len(names)]
		got, err := AppendBinaryOmitted([]byte{9}, data, name, other)
		exp, _ := it.AppendBinaryOmit([]byte{9}, name, other)
		if err != nil || !bytes.Equal(got, exp) {
			t.Fatalf("AppendBinaryOmitted %q %q: %x %v, want %x", name, other, got, err, exp)
		}
	}
}

// TestScanCorrupt checks that the scanners fail, without panicking, on
// truncated encodings.
func TestScanCorrupt(t *testing.T) {
	it := Item{"a": String("x"), "b": {Type: TypeN, S: "12"}, "c": {Type: TypeL, L: []Value{String("y")}}, "d": {Type: TypeNS, SS: []string{"1", "2"}}}
	data, err := it.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	checkScan(t, data, it)
	for n := range len(data) {
		if _, err := AppendBinaryOmitted(nil, data[:n], "a", ""); err == nil {
			t.Errorf("AppendBinaryOmitted of %d of %d bytes: no error", n, len(data))
		}
		if _, _, err := LookupBinary(data[:n], "d"); err == nil {
			t.Errorf("LookupBinary of %d of %d bytes: no error", n, len(data))
		}
		for name := range it {
			v, ok, err := LookupBinary(data[:n], name)
			sv, sok, serr := LookupBinaryShared(data[:n], name)
			if (err == nil) != (serr == nil) || ok != sok || !reflect.DeepEqual(v, sv) {
				t.Errorf("%q in %d of %d bytes: LookupBinaryShared %v %v %v, LookupBinary %v %v %v", name, n, len(data), sv, sok, serr, v, ok, err)
			}
		}
	}
}

// BenchmarkReadEncodedItem compares reading an item into its encoding
// with reading it into a map and encoding that.
func BenchmarkReadEncodedItem(b *testing.B) {
	data := []byte(plainItems[1])
	if !json.Valid(data) {
		b.Fatal("invalid")
	}
	b.Run("transcode", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if _, err := NewJSONReader(data).ReadEncodedItem(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("map", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			it, err := NewJSONReader(data).ReadItem()
			if err != nil {
				b.Fatal(err)
			}
			if _, err := it.AppendBinary(nil); err != nil {
				b.Fatal(err)
			}
		}
	})
}
