package ddbtype

import (
	"bytes"
	"fmt"
	"testing"
)

func TestCompare(t *testing.T) {
	tests := []struct {
		a, b Value
		want int
		ok   bool
	}{
		{String("a"), String("b"), -1, true},
		{String("b"), String("a"), 1, true},
		{String("a"), String("a"), 0, true},
		{String("a"), String("ab"), -1, true},
		{String("Z"), String("a"), -1, true},
		{String(""), String("a"), -1, true},
		// UTF-8 byte order, not UTF-16: U+FF5E sorts before U+1F600.
		{String("\uff5e"), String("\U0001f600"), -1, true},
		{MustNumber("2"), MustNumber("10"), -1, true},
		{MustNumber("-2"), MustNumber("-10"), 1, true},
		{MustNumber("1.0"), MustNumber("1"), 0, true},
		{Value{Type: TypeN, S: "1e2"}, Value{Type: TypeN, S: "100"}, 0, true},
		{Binary([]byte{0x7f}), Binary([]byte{0x80}), -1, true},
		{Binary([]byte{0xff}), Binary([]byte{0x00, 0x00}), 1, true},
		{Binary(nil), Binary([]byte{}), 0, true},
		{String("1"), MustNumber("1"), 0, false},
		{Bool(true), Bool(true), 0, false},
		{Null(), Null(), 0, false},
		{StringSet("a"), StringSet("a"), 0, false},
		{Value{Type: TypeN, S: "x"}, MustNumber("1"), 0, false},
	}
	for _, tt := range tests {
		got, ok := Compare(tt.a, tt.b)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Compare(%v, %v) = %d, %v; want %d, %v", tt.a, tt.b, got, ok, tt.want, tt.ok)
		}
	}
}

func TestEqual(t *testing.T) {
	ns := func(s ...string) Value { v, _ := NumberSet(s...); return v }
	big := func(n int, rev bool) Value {
		ss := make([]string, n)
		for i := range ss {
			j := i
			if rev {
				j = n - 1 - i
			}
			ss[i] = fmt.Sprint(j)
		}
		return StringSet(ss...)
	}
	tests := []struct {
		a, b Value
		want bool
	}{
		{Value{}, Value{}, true},
		{String("a"), String("a"), true},
		{String("a"), String("b"), false},
		{String("1"), MustNumber("1"), false},
		{Value{Type: TypeN, S: "1.0"}, Value{Type: TypeN, S: "1"}, true},
		{Value{Type: TypeN, S: "x"}, Value{Type: TypeN, S: "x"}, true},
		{Value{Type: TypeN, S: "x"}, Value{Type: TypeN, S: "y"}, false},
		{MustNumber("1"), MustNumber("2"), false},
		{Binary([]byte("a")), Binary([]byte("a")), true},
		{Binary([]byte("a")), Binary([]byte("b")), false},
		{Bool(true), Bool(true), true},
		{Bool(true), Bool(false), false},
		{Null(), Null(), true},
		{Null(), Bool(false), false},
		{List(String("a"), MustNumber("1")), List(String("a"), MustNumber("1.0")), true},
		{List(String("a"), String("b")), List(String("b"), String("a")), false},
		{List(String("a")), List(String("a"), String("a")), false},
		{List(), Value{Type: TypeL}, true},
		{Map(map[string]Value{"a": String("x")}), Map(map[string]Value{"a": String("x")}), true},
		{Map(map[string]Value{"a": String("x")}), Map(map[string]Value{"a": String("y")}), false},
		{Map(map[string]Value{"a": String("x")}), Map(map[string]Value{"b": String("x")}), false},
		{Map(map[string]Value{"a": String("x")}), Map(nil), false},
		{StringSet("a", "b"), StringSet("b", "a"), true},
		{StringSet("a", "b"), StringSet("a", "c"), false},
		{StringSet("a", "b"), StringSet("a"), false},
		{StringSet("a", "a"), StringSet("a"), true},
		{StringSet("a", "a", "b"), StringSet("a", "b", "b"), true},
		{StringSet("a", "a"), StringSet("a", "b"), false},
		{big(20, false), big(20, true), true},
		{big(20, false), big(21, true), false},
		{ns("1", "2"), ns("2.0", "1"), true},
		{Value{Type: TypeNS, SS: []string{"1", "2"}}, Value{Type: TypeNS, SS: []string{"2.0", "1.00"}}, true},
		{ns("1", "2"), ns("1", "3"), false},
		{Value{Type: TypeNS, SS: []string{"x", "1"}}, Value{Type: TypeNS, SS: []string{"1.0", "x"}}, true},
		{Value{Type: TypeNS, SS: []string{"x"}}, Value{Type: TypeNS, SS: []string{"y"}}, false},
		{BinarySet([]byte("a"), []byte("b")), BinarySet([]byte("b"), []byte("a")), true},
		{BinarySet([]byte("a")), BinarySet([]byte("b")), false},
		{StringSet("a"), List(String("a")), false},
	}
	for _, tt := range tests {
		if got := Equal(tt.a, tt.b); got != tt.want {
			t.Errorf("Equal(%v, %v) = %v; want %v", tt.a, tt.b, got, tt.want)
		}
		if got := Equal(tt.b, tt.a); got != tt.want {
			t.Errorf("Equal(%v, %v) = %v; want %v (swapped)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestKeyEncoding(t *testing.T) {
	tests := []struct {
		v    Value
		want []byte
	}{
		{String(""), []byte{0, 1}},
		{String("a"), []byte{'a', 0, 1}},
		{String("a\x00b"), []byte{'a', 0, 0xff, 'b', 0, 1}},
		{Binary([]byte{0, 1}), []byte{0, 0xff, 1, 0, 1}},
		{MustNumber("0"), []byte{keyZero}},
		{MustNumber("1"), []byte{keyPos, 130, 11, 0}},
		{MustNumber("12"), []byte{keyPos, 131, 13, 0}},
		{MustNumber("-12"), []byte{keyNeg, 255 - 131, 88, 0xff}},
		{MustNumber("1e-130"), []byte{keyPos, 0, 11, 0}},
		{MustNumber("9e125"), []byte{keyPos, 255, 91, 0}},
	}
	for _, tt := range tests {
		got, err := AppendKey(nil, tt.v)
		if err != nil || !bytes.Equal(got, tt.want) {
			t.Errorf("AppendKey(%v) = %v, %v; want %v", tt.v, got, err, tt.want)
		}
		back, n, err := DecodeKey(tt.v.Type, append(got, 0x42))
		if err != nil || n != len(got) || !Equal(back, tt.v) {
			t.Errorf("DecodeKey(%v) = %v, %d, %v", got, back, n, err)
		}
	}
}

func TestKeyOrder(t *testing.T) {
	numbers := []string{
		"-9.9999999999999999999999999999999999999E+125", "-1e125", "-1e100", "-100",
		"-12.5", "-12.34", "-12.3", "-12.03", "-12", "-1.23", "-1.2", "-1", "-0.5",
		"-1e-130", "0", "1e-130", "0.05", "0.5", "1", "1.2", "1.203", "1.21", "1.23",
		"12", "12.03", "12.3", "12.34", "12.5", "100",
		"12345678901234567890123456789012345678", "1e100", "1e125",
		"9.9999999999999999999999999999999999999E+125",
	}
	var prev []byte
	for _, s := range numbers {
		k, err := AppendKey(nil, MustNumber(s))
		if err != nil {
			t.Fatal(err)
		}
		if prev != nil && bytes.Compare(prev, k) >= 0 {
			t.Errorf("key of %s does not sort after its predecessor", s)
		}
		prev = k
	}
	strs := []string{"", "\x00", "\x00\x00", "\x00\x01", "\x01", "a", "a\x00", "a\x00b", "a\x01", "ab", "b", "\u00e9", "\U0001f600"}
	prev = nil
	for _, s := range strs {
		k, _ := AppendKey(nil, String(s))
		if prev != nil && bytes.Compare(prev, k) >= 0 {
			t.Errorf("key of %q does not sort after its predecessor", s)
		}
		prev = k
	}
}

func TestKeyErrors(t *testing.T) {
	for _, v := range []Value{Bool(true), Null(), List(), Value{}, {Type: TypeN, S: "1e200"}, {Type: TypeN, S: "x"}} {
		if _, err := AppendKey(nil, v); err == nil {
			t.Errorf("AppendKey(%v) succeeded", v)
		}
	}
	bad := []struct {
		t Type
		b []byte
	}{
		{TypeS, nil},
		{TypeS, []byte("abc")},
		{TypeS, []byte{'a', 0}},
		{TypeS, []byte{'a', 0, 2}},
		{TypeB, []byte{0, 0}},
		{TypeN, nil},
		{TypeN, []byte{0}},
		{TypeN, []byte{keyPos}},
		{TypeN, []byte{keyPos, 130}},
		{TypeN, []byte{keyPos, 130, 0}},        // no digits
		{TypeN, []byte{keyPos, 130, 1, 0}},     // "00": trailing zeros
		{TypeN, []byte{keyPos, 130, 2, 0}},     // "01": leading zero
		{TypeN, []byte{keyPos, 130, 101, 0}},   // pair out of range
		{TypeN, []byte{keyPos, 130, 11, 1, 0}}, // trailing "00"
		{TypeN, []byte{keyNeg, 130, 0, 0xff}},
		{TypeN, append([]byte{keyPos, 130}, bytes.Repeat([]byte{12}, 20)...)},
		{TypeN, append(append([]byte{keyPos, 130}, bytes.Repeat([]byte{12}, 20)...), 0)},
		{TypeBOOL, []byte{1}},
	}
	for _, tt := range bad {
		if v, _, err := DecodeKey(tt.t, tt.b); err == nil {
			t.Errorf("DecodeKey(%v, %v) = %v; want error", tt.t, tt.b, v)
		}
	}
}

// FuzzKey checks that the key encoding sorts like Compare, round-trips and
// keeps component order when concatenated.
func FuzzKey(f *testing.F) {
	f.Add("1", "2", "a", "b")
	f.Add("-1.5", "-1.25", "a\x00", "a")
	f.Add("1e-130", "0", "", "\x00")
	f.Fuzz(func(t *testing.T, n1, n2, s1, s2 string) {
		pairs := [][2]Value{
			{String(s1), String(s2)},
			{Binary([]byte(s1)), Binary([]byte(s2))},
			{String(n1), String(s2)},
		}
		if a, err := Number(n1); err == nil {
			if b, err := Number(n2); err == nil {
				pairs = append(pairs, [2]Value{a, b})
			}
		}
		for _, p := range pairs {
			checkKeyPair(t, p[0], p[1])
		}
		checkKeyConcat(t, String(s1), String(s2), String(n1), String(n2))
	})
}

// checkKeyPair checks order and round trip of two values' keys.
func checkKeyPair(t *testing.T, a, b Value) {
	t.Helper()
	ka, errA := AppendKey(nil, a)
	kb, errB := AppendKey(nil, b)
	if errA != nil || errB != nil {
		t.Fatalf("AppendKey: %v, %v", errA, errB)
	}
	if c, _ := Compare(a, b); bytes.Compare(ka, kb) != c {
		t.Fatalf("key order of %v, %v disagrees with Compare (%d)", a, b, c)
	}
	back, n, err := DecodeKey(a.Type, ka)
	if err != nil || n != len(ka) || !Equal(back, a) {
		t.Fatalf("DecodeKey(%v) = %v, %d, %v", ka, back, n, err)
	}
	shared, n, err := DecodeKeyShared(a.Type, append(ka, 'x'))
	if err != nil || n != len(ka) || !strictEqual(shared, back) {
		t.Fatalf("DecodeKeyShared(%v) = %v, %d, %v; DecodeKey: %v", ka, shared, n, err, back)
	}
}

// checkKeyConcat checks that concatenated keys compare as tuples.
func checkKeyConcat(t *testing.T, a1, a2, b1, b2 Value) {
	t.Helper()
	ka, _ := AppendKey(nil, a1)
	ka, _ = AppendKey(ka, a2)
	kb, _ := AppendKey(nil, b1)
	kb, _ = AppendKey(kb, b2)
	want, _ := Compare(a1, b1)
	if want == 0 {
		want, _ = Compare(a2, b2)
	}
	if got := bytes.Compare(ka, kb); got != want {
		t.Fatalf("tuple (%v, %v) vs (%v, %v): keys compare %d, want %d", a1, a2, b1, b2, got, want)
	}
}

func TestClone(t *testing.T) {
	v := Map(map[string]Value{
		"b":  Binary([]byte{1}),
		"l":  List(String("x"), Binary([]byte{2})),
		"ss": StringSet("a"),
		"ns": {Type: TypeNS, SS: []string{"1"}},
		"bs": BinarySet([]byte{3}),
	})
	c := v.Clone()
	if !strictEqual(v, c) {
		t.Fatalf("Clone = %v", c)
	}
	c.M["b"].B[0] = 9
	c.M["l"].L[1].B[0] = 9
	c.M["l"].L[0] = Null()
	c.M["ss"].SS[0] = "z"
	c.M["ns"].SS[0] = "2"
	c.M["bs"].BS[0][0] = 9
	c.M["new"] = Null()
	want := `{"M":{"b":{"B":"AQ=="},"bs":{"BS":["Aw=="]},"l":{"L":[{"S":"x"},{"B":"Ag=="}]},"ns":{"NS":["1"]},"ss":{"SS":["a"]}}}`
	if got := v.String(); got != want {
		t.Errorf("original changed: %s", got)
	}
	if Item(nil).Clone() != nil || Binary(nil).Clone().B != nil || Binary([]byte{}).Clone().B == nil {
		t.Error("Clone does not keep nil and empty apart")
	}
}
