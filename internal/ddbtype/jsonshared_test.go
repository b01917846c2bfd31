package ddbtype

import "testing"

// TestJSONReaderShared checks that a shared reader reads the strings and
// names a copying one reads, without an allocation for each.
func TestJSONReaderShared(t *testing.T) {
	data := []byte(`{"plain":"abc","esc\u00e9":"x\ny","":"","héllo":"wörld"}`)
	read := func(r *JSONReader) (got []string) {
		err := r.ReadObject(func(name []byte) error {
			s, err := r.ReadString()
			got = append(got, r.Name(name), s)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	want := read(NewJSONReader(data))
	got := read(NewJSONReaderShared(data))
	if len(got) != 8 || len(want) != 8 {
		t.Fatalf("read %q and %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("string %d: shared %q, copied %q", i, got[i], want[i])
		}
	}
	plain := []byte(`"a plain string of some length"`)
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := NewJSONReaderShared(plain).ReadString(); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("a shared read of a plain string: %v allocations", allocs)
	}
}
