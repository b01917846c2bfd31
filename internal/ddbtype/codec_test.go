package ddbtype

import (
	"bytes"
	"strings"
	"testing"
)

func TestCodecRoundTrip(t *testing.T) {
	values := []Value{
		{},
		String(""),
		String("héllo\x00\xff"),
		MustNumber("0"),
		MustNumber("-12.5"),
		MustNumber("9.9999999999999999999999999999999999999E+125"),
		MustNumber("1e-130"),
		{Type: TypeN, S: "1.50"},
		{Type: TypeN, S: "x"},
		{Type: TypeN},
		Binary(nil),
		Binary([]byte{0, 1, 255}),
		Bool(true),
		Bool(false),
		Null(),
		List(),
		List(String("a"), List(Null()), Map(map[string]Value{"k": Bool(true)})),
		Map(nil),
		Map(map[string]Value{"b": String("2"), "a": String("1"), "": Null()}),
		StringSet("a", "b", "a"),
		StringSet(),
		{Type: TypeNS, SS: []string{"1", "-2.5"}},
		{Type: TypeNS, SS: []string{"1", "2.50"}},
		{Type: TypeNS},
		BinarySet([]byte{1}, nil),
		{Type: 77},
	}
	for _, v := range values {
		b, err := v.MarshalBinary()
		if err != nil {
			t.Fatalf("MarshalBinary(%v): %v", v, err)
		}
		var w Value
		if err := w.UnmarshalBinary(b); err != nil {
			t.Errorf("UnmarshalBinary(%v): %v", b, err)
			continue
		}
		want := v
		if v.Type > TypeBS {
			want = Value{}
		}
		if !strictEqual(w, want) {
			t.Errorf("round trip of %#v = %#v", v, w)
		}
	}
}

func TestCodecFormat(t *testing.T) {
	tests := []struct {
		v    Value
		want []byte
	}{
		{String("ab"), []byte{1, tagS, 2, 'a', 'b'}},
		{MustNumber("12"), []byte{1, tagN, keyPos, 131, 13, 0}},
		{Value{Type: TypeN, S: "012"}, []byte{1, tagNText, 3, '0', '1', '2'}},
		{Bool(true), []byte{1, tagTrue}},
		{List(Null()), []byte{1, tagL, 1, tagNULL}},
		{Map(map[string]Value{"b": Null(), "a": Bool(false)}), []byte{1, tagM, 2, 1, 'a', tagFalse, 1, 'b', tagNULL}},
		{Value{Type: TypeNS, SS: []string{"1"}}, []byte{1, tagNS, 1, keyPos, 130, 11, 0}},
	}
	for _, tt := range tests {
		got, err := tt.v.AppendBinary([]byte{})
		if err != nil || !bytes.Equal(got, tt.want) {
			t.Errorf("AppendBinary(%v) = %v, %v; want %v", tt.v, got, err, tt.want)
		}
	}
}

func TestCodecItem(t *testing.T) {
	it := Item{"pk": String("p"), "n": MustNumber("3"), "l": List(StringSet("x"))}
	b, err := it.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var got Item
	if err := got.UnmarshalBinary(b); err != nil || !strictEqual(Map(got), Map(it)) {
		t.Errorf("item round trip = %v, %v", got, err)
	}
	b, _ = Item(nil).MarshalBinary()
	if err := got.UnmarshalBinary(b); err != nil || got == nil || len(got) != 0 {
		t.Errorf("empty item = %#v, %v", got, err)
	}
	b2, _ := it.AppendBinary(nil)
	b3, _ := it.AppendBinary(nil)
	if !bytes.Equal(b2, b3) {
		t.Error("item encoding is not deterministic")
	}
}

func TestCodecDepth(t *testing.T) {
	v := nest(Null(), MaxCodecDepth)
	b, err := v.MarshalBinary()
	if err != nil {
		t.Fatalf("MaxCodecDepth levels: %v", err)
	}
	var w Value
	if err := w.UnmarshalBinary(b); err != nil || !Equal(v, w) {
		t.Fatalf("MaxCodecDepth levels: %v", err)
	}
	if _, err := nest(Null(), MaxCodecDepth+1).MarshalBinary(); err == nil {
		t.Error("encoded a value nested too deeply")
	}
	if _, err := (Item{"a": nest(Null(), MaxCodecDepth+1)}).MarshalBinary(); err == nil {
		t.Error("encoded an item nested too deeply")
	}
	deep := append([]byte{1}, bytes.Repeat([]byte{tagL, 1}, MaxCodecDepth+1)...)
	if err := w.UnmarshalBinary(append(deep, tagNULL)); err == nil {
		t.Error("decoded a value nested too deeply")
	}
}

func TestCodecErrors(t *testing.T) {
	bad := [][]byte{
		nil,
		{},
		{2, tagNULL},
		{1},
		{1, tagNULL, 0},
		{1, 99},
		{1, tagS},
		{1, tagS, 5, 'a'},
		{1, tagS, 0x80},
		{1, tagN},
		{1, tagN, keyPos, 130},
		{1, tagN, 9},
		{1, tagB, 1},
		{1, tagL, 2, tagNULL},
		{1, tagL, 0xff, 0xff, 0xff, 0xff, 0x0f},
		{1, tagM, 1, 1, 'a'},
		{1, tagM, 2, 1, 'b', tagNULL, 1, 'a', tagNULL},
		{1, tagM, 2, 1, 'a', tagNULL, 1, 'a', tagNULL},
		{1, tagSS, 1},
		{1, tagSS, 1, 3, 'a'},
		{1, tagNS, 1, keyZero + 10},
		{1, tagNSText, 2, 0},
		{1, tagBS, 1, 2, 0},
		{1, tagS, 0x80, 0},
		{1, tagNText, 2, '1', '0'},
		{1, tagNSText, 1, 1, '1'},
		{1, tagL, 0x81, 0},
	}
	for _, b := range bad {
		var v Value
		if err := v.UnmarshalBinary(b); err == nil {
			t.Errorf("UnmarshalBinary(%v) = %v; want error", b, v)
		}
	}
	var it Item
	for _, b := range [][]byte{nil, {1}, {1, 1}, {1, 1, 1, 'a'}, {1, 0, 0}, {3, 0}, {1, 0x80, 0}} {
		if err := it.UnmarshalBinary(b); err == nil || it != nil {
			t.Errorf("Item.UnmarshalBinary(%v) = %v, %v; want error", b, it, err)
		}
	}
	if err := it.UnmarshalBinary([]byte{1, 0}); err != nil {
		t.Errorf("empty item: %v", err)
	}
	var v Value
	err := v.UnmarshalBinary([]byte{1, 99})
	if err == nil || !strings.Contains(err.Error(), "unknown tag 99") {
		t.Errorf("error = %v", err)
	}
}

// FuzzCodecDecode decodes arbitrary bytes: no panics, and whatever decodes
// re-encodes to the same bytes.
func FuzzCodecDecode(f *testing.F) {
	for _, v := range []Value{String("a"), MustNumber("-1.5"), List(Null(), Bool(true)), Map(map[string]Value{"a": StringSet("x")}), {Type: TypeNS, SS: []string{"1", "2"}}} {
		b, _ := v.MarshalBinary()
		f.Add(b)
	}
	f.Add([]byte{1, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		var v Value
		if err := v.UnmarshalBinary(data); err == nil {
			if b, err := v.MarshalBinary(); err != nil || !bytes.Equal(b, data) {
				t.Fatalf("re-encoding %v = %v, %v; want %v", v, b, err, data)
			}
		}
		var it Item
		if err := it.UnmarshalBinary(data); err == nil {
			if b, err := it.MarshalBinary(); err != nil || !bytes.Equal(b, data) {
				t.Fatalf("re-encoding item %v = %v, %v; want %v", it, b, err, data)
			}
		}
	})
}

// FuzzCodecRoundTrip encodes generated values, valid or not, and decodes
// them back.
func FuzzCodecRoundTrip(f *testing.F) {
	f.Add([]byte("\x00\x03abc"))
	f.Add([]byte("\x06\x03\x01\x05\x07\x02\x00\x01a\x03\x09\x02\x0a\x01"))
	f.Add([]byte("\x01\x00\x02ab\x09\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		g := gen{b: data}
		v := g.value(0, false)
		b, err := v.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var w Value
		if err := w.UnmarshalBinary(b); err != nil || !strictEqual(v, w) {
			t.Fatalf("round trip of %#v: %#v, %v", v, w, err)
		}
		it := Item{g.str(false): v}
		b, _ = it.MarshalBinary()
		var it2 Item
		if err := it2.UnmarshalBinary(b); err != nil || !strictEqual(Map(it), Map(it2)) {
			t.Fatalf("item round trip of %v: %v, %v", it, it2, err)
		}
	})
}

// TestAppendBinaryOmit checks that omitting attributes encodes as a copy
// of the item without them, and that an empty name omits nothing.
func TestAppendBinaryOmit(t *testing.T) {
	it := Item{"PK": String("a"), "SK": MustNumber("1"), "": String("e"), "x": Map(Item{"PK": String("n")})}
	for _, c := range []struct{ omit1, omit2 string }{{"PK", "SK"}, {"PK", ""}, {"", ""}, {"x", "y"}} {
		want := Item{}
		for name, v := range it {
			if name == "" || (name != c.omit1 && name != c.omit2) {
				want[name] = v
			}
		}
		wb, _ := want.MarshalBinary()
		got, err := it.AppendBinaryOmit([]byte("pre"), c.omit1, c.omit2)
		if err != nil || !bytes.Equal(got, append([]byte("pre"), wb...)) {
			t.Errorf("omit %q %q: %x, %v; want %x", c.omit1, c.omit2, got, err, wb)
		}
	}
}
