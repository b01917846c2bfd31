package ddbtype

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// gen builds values from fuzz input bytes.
type gen struct{ b []byte }

// next returns the next byte, or 0 when the input is exhausted.
func (g *gen) next() byte {
	if len(g.b) == 0 {
		return 0
	}
	c := g.b[0]
	g.b = g.b[1:]
	return c
}

// bytes returns up to 7 bytes of input.
func (g *gen) bytes() []byte {
	n := min(int(g.next()%8), len(g.b))
	b := g.b[:n:n]
	g.b = g.b[n:]
	return b
}

// number returns a valid canonical number.
func (g *gen) number() string {
	s := fmt.Sprintf("%d.%de%d", int8(g.next()), g.next(), int(int8(g.next()))%100)
	if c, err := CanonicalNumber(s); err == nil {
		return c
	}
	return "0"
}

// value returns a value; valid only, or also invalid ones (invalid
// numbers, empty and duplicate sets, zero Values, invalid UTF-8).
func (g *gen) value(depth int, valid bool) Value {
	k := g.next() % 12
	if depth > 4 && k >= 6 && k <= 7 {
		k = 0
	}
	switch k {
	case 0:
		return String(g.str(valid))
	case 1:
		if !valid && g.next()%4 == 0 {
			return Value{Type: TypeN, S: string(g.bytes())}
		}
		return Value{Type: TypeN, S: g.number()}
	case 2:
		return Binary(g.bytes())
	case 3:
		return Bool(g.next()%2 == 0)
	case 4:
		return Null()
	case 5:
		if valid {
			return Null()
		}
		return Value{}
	case 6:
		l := []Value{}
		for n := g.next() % 4; n > 0; n-- {
			l = append(l, g.value(depth+1, valid))
		}
		return List(l...)
	case 7:
		m := map[string]Value{}
		for n := g.next() % 4; n > 0; n-- {
			m[g.str(valid)] = g.value(depth+1, valid)
		}
		return Map(m)
	}
	return g.set(TypeSS+Type(k-8)%3, valid)
}

// str returns a string, valid UTF-8 if valid.
func (g *gen) str(valid bool) string {
	s := string(g.bytes())
	if valid {
		return strings.ToValidUTF8(s, "?")
	}
	return s
}

// set returns an SS, NS or BS.
func (g *gen) set(t Type, valid bool) Value {
	v := Value{Type: t}
	n := int(g.next() % 4)
	if valid {
		n++
	}
	for i := 0; i < n; i++ {
		switch t {
		case TypeSS:
			v.SS = append(v.SS, g.str(valid)+fmt.Sprint(i*btoi(valid)))
		case TypeNS:
			v.SS = append(v.SS, g.number())
		default:
			v.BS = append(v.BS, append(g.bytes(), byte(i*btoi(valid))))
		}
	}
	if valid && t == TypeNS {
		v.SS = uniqueNumbers(v.SS)
	}
	if valid {
		v.SortSet() // as decoding leaves it
	}
	return v
}

// btoi returns 1 for true.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// uniqueNumbers drops duplicate numbers.
func uniqueNumbers(ns []string) []string {
	var out []string
	for _, n := range ns {
		if !strings.Contains(","+strings.Join(out, ",")+",", ","+n+",") {
			out = append(out, n)
		}
	}
	return out
}

// FuzzUnmarshalJSON decodes arbitrary input. The decoder must not panic;
// it must agree with a reference decoder built on encoding/json about
// which JSON documents are valid attribute values and what they hold; a
// decoded value must be valid and re-encode to a fixed point.
func FuzzUnmarshalJSON(f *testing.F) {
	for _, s := range []string{
		`{"S":"x"}`, `{"N":"1.50"}`, `{"B":"AQID"}`, `{"BOOL":"yes"}`, `{"NULL":true}`,
		`{"L":[{"S":"a"},{"M":{"b":{"SS":["c","d"]}}}]}`, `{"NS":["1","2"]}`, `{"BS":["AQ=="]}`,
		`{"S":"\u00e9\ud83d\ude00"}`, `{"S":null,"N":"1"}`, `{"x":[1,2.5,{"y":null}],"S":""}`,
		`{"SS":["a","a"]}`, `{"N":"1e200"}`, `{}`, `[]`, `{"S":1}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var v Value
		err := v.UnmarshalJSON(data)
		checkError(t, err)
		if string(bytes.Trim(data, " \t\r\n")) == "null" {
			if err != nil || !v.IsZero() {
				t.Fatalf("null: %v, %v", v, err)
			}
			return
		}
		if err == nil {
			checkDecoded(t, data, v)
		}
		if json.Valid(data) && bytes.Count(data, []byte("[")) < 200 && bytes.Count(data, []byte("{")) < 200 {
			checkReference(t, data, v, err)
		}
	})
}

// checkError checks that err is one of the package's error types.
func checkError(t *testing.T, err error) {
	t.Helper()
	var ve *ValidationError
	var se *SerializationError
	if err != nil && !errors.As(err, &ve) && !errors.As(err, &se) {
		t.Fatalf("error of type %T: %v", err, err)
	}
}

// checkDecoded checks a successfully decoded value.
func checkDecoded(t *testing.T, data []byte, v Value) {
	t.Helper()
	if !json.Valid(data) {
		t.Fatalf("accepted invalid JSON %q", data)
	}
	if err := v.Validate(); err != nil {
		t.Fatalf("decoded %v is invalid: %v", v, err)
	}
	enc := v.AppendJSON(nil)
	var w Value
	if err := w.UnmarshalJSON(enc); err != nil || !strictEqual(v, w) {
		t.Fatalf("re-decoding %s: %v, %v", enc, w, err)
	}
	if enc2 := w.AppendJSON(nil); !bytes.Equal(enc, enc2) {
		t.Fatalf("encoding not a fixed point: %s vs %s", enc, enc2)
	}
}

// checkReference compares the decoder with the reference decoder.
func checkReference(t *testing.T, data []byte, v Value, err error) {
	t.Helper()
	var x any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if dec.Decode(&x) != nil {
		t.Fatalf("encoding/json rejects valid JSON %q", data)
	}
	ref, ok := refValue(x, 0)
	if ok != (err == nil) {
		t.Fatalf("decoder error %v, reference ok %v (%v) for %s", err, ok, ref, data)
	}
	if ok && !strictEqual(v, ref) {
		t.Fatalf("decoder %v, reference %v for %s", v, ref, data)
	}
}

// refValue is a reference decoder of attribute values from encoding/json's
// generic values, accepting exactly the valid ones.
func refValue(x any, depth int) (Value, bool) {
	m, ok := x.(map[string]any)
	if !ok || depth >= MaxNestingDepth {
		return Value{}, false
	}
	var found []Value
	for name, f := range m {
		t := typeByName([]byte(name))
		if t == TypeNone || f == nil {
			continue
		}
		v, ok := refField(t, f, depth)
		if !ok {
			return Value{}, false
		}
		found = append(found, v)
	}
	if len(found) != 1 {
		return Value{}, false
	}
	return found[0], true
}

// refField decodes one member of an attribute value.
func refField(t Type, f any, depth int) (Value, bool) {
	switch t {
	case TypeS:
		s, ok := f.(string)
		return String(s), ok
	case TypeN:
		s, _ := f.(string)
		v, err := Number(s)
		return v, err == nil
	case TypeB:
		b, ok := refBase64(f)
		return Binary(b), ok
	case TypeBOOL:
		b, ok := refBool(f)
		return Bool(b), ok
	case TypeNULL:
		b, ok := refBool(f)
		return Null(), ok && b
	case TypeL:
		return refList(f, depth)
	case TypeM:
		return refMap(f, depth)
	}
	return refSet(t, f)
}

// refBase64 decodes a base64 string.
func refBase64(f any) ([]byte, bool) {
	s, ok := f.(string)
	if !ok || len(s)%4 != 0 || strings.ContainsAny(s, "\r\n") {
		return nil, false
	}
	b, err := base64.StdEncoding.Strict().DecodeString(s)
	return b, err == nil
}

// refBool decodes a Boolean.
func refBool(f any) (bool, bool) {
	switch x := f.(type) {
	case bool:
		return x, true
	case string:
		switch strings.ToLower(x) {
		case "true", "1", "yes":
			return true, true
		case "false", "0", "no":
			return false, true
		}
	}
	return false, false
}

// refList decodes an L.
func refList(f any, depth int) (Value, bool) {
	a, ok := f.([]any)
	if !ok {
		return Value{}, false
	}
	l := []Value{}
	for _, e := range a {
		v, ok := refValue(e, depth+1)
		if !ok {
			return Value{}, false
		}
		l = append(l, v)
	}
	return List(l...), true
}

// refMap decodes an M.
func refMap(f any, depth int) (Value, bool) {
	o, ok := f.(map[string]any)
	if !ok {
		return Value{}, false
	}
	m := map[string]Value{}
	for k, e := range o {
		v, ok := refValue(e, depth+1)
		if !ok {
			return Value{}, false
		}
		m[k] = v
	}
	return Map(m), true
}

// refSet decodes an SS, NS or BS.
func refSet(t Type, f any) (Value, bool) {
	a, ok := f.([]any)
	if !ok {
		return Value{}, false
	}
	v := Value{Type: t}
	for _, e := range a {
		if t == TypeBS {
			b, ok := refBase64(e)
			if !ok {
				return Value{}, false
			}
			v.BS = append(v.BS, b)
			continue
		}
		s, ok := e.(string)
		if !ok {
			return Value{}, false
		}
		if t == TypeNS {
			if s, ok = refNumber(s); !ok {
				return Value{}, false
			}
		}
		v.SS = append(v.SS, s)
	}
	if v.Validate() != nil {
		return Value{}, false
	}
	v.SortSet() // decoding sorts sets
	return v, true
}

// refNumber canonicalizes a number.
func refNumber(s string) (string, bool) {
	c, err := CanonicalNumber(s)
	return c, err == nil
}

// FuzzJSONRoundTrip encodes generated valid values and decodes them back.
func FuzzJSONRoundTrip(f *testing.F) {
	f.Add([]byte("\x00\x03abc"))
	f.Add([]byte("\x06\x03\x01\x05\x07\x02\x00\x01a\x03\x09\x02\x0a\x01"))
	f.Add([]byte("\x08\x03\x01a\x01b\x02xy"))
	f.Fuzz(func(t *testing.T, data []byte) {
		g := gen{b: data}
		v := g.value(0, true)
		enc := v.AppendJSON(nil)
		var w Value
		if err := w.UnmarshalJSON(enc); err != nil || !strictEqual(v, w) {
			t.Fatalf("round trip of %#v via %s: %v, %v", v, enc, w, err)
		}
		it := Item{g.str(true): v, g.str(true): w}
		var it2 Item
		if err := it2.UnmarshalJSON(it.AppendJSON(nil)); err != nil || !strictEqual(Map(it), Map(it2)) {
			t.Fatalf("item round trip of %v: %v, %v", it, it2, err)
		}
	})
}
