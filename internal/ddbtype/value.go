package ddbtype

import "strconv"

// Type is one of DynamoDB's ten attribute types.
type Type uint8

// The attribute types. TypeNone is the type of the zero Value, which is not
// valid inside an item.
const (
	TypeNone Type = iota
	TypeS
	TypeN
	TypeB
	TypeBOOL
	TypeNULL
	TypeL
	TypeM
	TypeSS
	TypeNS
	TypeBS
)

var typeNames = [...]string{
	TypeNone: "",
	TypeS:    "S",
	TypeN:    "N",
	TypeB:    "B",
	TypeBOOL: "BOOL",
	TypeNULL: "NULL",
	TypeL:    "L",
	TypeM:    "M",
	TypeSS:   "SS",
	TypeNS:   "NS",
	TypeBS:   "BS",
}

// String returns the type's name as DynamoDB spells it ("S", "N", "BOOL",
// ...), or "" for TypeNone and unknown types.
func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return ""
}

// IsSet reports whether t is one of the set types SS, NS or BS.
func (t Type) IsSet() bool { return t == TypeSS || t == TypeNS || t == TypeBS }

// IsKey reports whether t may be the type of a key attribute (S, N or B).
func (t Type) IsKey() bool { return t == TypeS || t == TypeN || t == TypeB }

// Value is one attribute value; the zero Value has TypeNone and is invalid in
// items. Only the field(s) matching Type are meaningful.
type Value struct {
	Type Type
	S    string           // TypeS; TypeN: the number in DynamoDB's canonical text form
	B    []byte           // TypeB
	Bool bool             // TypeBOOL
	L    []Value          // TypeL
	M    map[string]Value // TypeM
	SS   []string         // TypeSS; TypeNS (canonical number text)
	BS   [][]byte         // TypeBS
}

// Item is a DynamoDB item: attribute names mapped to values.
type Item map[string]Value

// String returns an S value.
func String(s string) Value { return Value{Type: TypeS, S: s} }

// Number parses s as a DynamoDB number and returns an N value holding its
// canonical form. The error is a *ValidationError with DynamoDB's message.
func Number(s string) (Value, error) {
	n, err := CanonicalNumber(s)
	if err != nil {
		return Value{}, err
	}
	return Value{Type: TypeN, S: n}, nil
}

// MustNumber is like Number but panics if s is not a valid number. It is
// meant for constants in code and tests.
func MustNumber(s string) Value {
	v, err := Number(s)
	if err != nil {
		panic(err)
	}
	return v
}

// Binary returns a B value. It does not copy b.
func Binary(b []byte) Value { return Value{Type: TypeB, B: b} }

// Bool returns a BOOL value.
func Bool(b bool) Value { return Value{Type: TypeBOOL, Bool: b} }

// Null returns the NULL value.
func Null() Value { return Value{Type: TypeNULL} }

// List returns an L value holding vs. It does not copy vs; a nil vs gives an
// empty list.
func List(vs ...Value) Value {
	if vs == nil {
		vs = []Value{}
	}
	return Value{Type: TypeL, L: vs}
}

// Map returns an M value holding m. It does not copy m; a nil m gives an
// empty map.
func Map(m map[string]Value) Value {
	if m == nil {
		m = map[string]Value{}
	}
	return Value{Type: TypeM, M: m}
}

// StringSet returns an SS value. It neither copies nor validates ss (see
// Value.Validate for emptiness and duplicates).
func StringSet(ss ...string) Value { return Value{Type: TypeSS, SS: ss} }

// NumberSet parses and canonicalizes each element and returns an NS value.
// It does not check for emptiness or duplicates (see Value.Validate).
func NumberSet(ns ...string) (Value, error) {
	out := make([]string, len(ns))
	for i, s := range ns {
		n, err := CanonicalNumber(s)
		if err != nil {
			return Value{}, err
		}
		out[i] = n
	}
	return Value{Type: TypeNS, SS: out}, nil
}

// BinarySet returns a BS value. It neither copies nor validates bs.
func BinarySet(bs ...[]byte) Value { return Value{Type: TypeBS, BS: bs} }

// IsZero reports whether v is the zero Value (TypeNone).
func (v Value) IsZero() bool { return v.Type == TypeNone }

// Int returns the N value holding i.
func Int(i int64) Value { return Value{Type: TypeN, S: strconv.FormatInt(i, 10)} }

// Clone returns a deep copy of v: no slice or map is shared with v.
func (v Value) Clone() Value {
	switch v.Type {
	case TypeB:
		v.B = cloneBytes(v.B)
	case TypeL:
		l := make([]Value, len(v.L))
		for i, e := range v.L {
			l[i] = e.Clone()
		}
		v.L = l
	case TypeM:
		v.M = Item(v.M).Clone()
	case TypeSS, TypeNS:
		v.SS = append([]string(nil), v.SS...)
	case TypeBS:
		bs := make([][]byte, len(v.BS))
		for i, b := range v.BS {
			bs[i] = cloneBytes(b)
		}
		v.BS = bs
	}
	return v
}

// Clone returns a deep copy of the item; a nil item gives nil.
func (it Item) Clone() Item {
	if it == nil {
		return nil
	}
	c := make(Item, len(it))
	for name, v := range it {
		c[name] = v.Clone()
	}
	return c
}

// cloneBytes copies b, keeping nil and empty apart.
func cloneBytes(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append([]byte{}, b...)
}
