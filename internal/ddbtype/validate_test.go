package ddbtype

import (
	"errors"
	"testing"
)

// nest wraps v in n levels of lists.
func nest(v Value, n int) Value {
	for ; n > 0; n-- {
		v = List(v)
	}
	return v
}

func TestValidate(t *testing.T) {
	tests := []struct {
		v    Value
		want string
	}{
		{String(""), ""},
		{Binary(nil), ""},
		{Bool(false), ""},
		{Null(), ""},
		{MustNumber("1"), ""},
		{Value{Type: TypeN, S: "1.50"}, ""},
		{List(), ""},
		{Map(nil), ""},
		{StringSet(""), ""},
		{BinarySet(nil), ""},
		{Value{}, msgEmptyAV},
		{Value{Type: 42}, msgEmptyAV},
		{Value{Type: TypeN, S: "x"}, "The parameter cannot be converted to a numeric value: x"},
		{Value{Type: TypeN}, "The parameter cannot be converted to a numeric value"},
		{Value{Type: TypeN, S: "1e200"}, msgOverflow},
		{StringSet(), msgEmptySS},
		{Value{Type: TypeNS}, msgEmptyNS},
		{BinarySet(), msgEmptyBS},
		{StringSet("a", "b", "a"), msgInvalid + "Input collection [a, b, a] contains duplicates."},
		{Value{Type: TypeNS, SS: []string{"1", "x", "1"}}, "The parameter cannot be converted to a numeric value: x"},
		{Value{Type: TypeNS, SS: []string{"1", "01"}}, msgDupNS},
		{BinarySet([]byte("b"), []byte("b")), msgInvalid + "Input collection [Yg==, Yg==]of type BS contains duplicates."},
		{List(String("a"), Value{}), msgEmptyAV},
		{Map(map[string]Value{"b": Value{}, "a": StringSet()}), msgEmptySS},
		{nest(String("x"), MaxNestingDepth-1), ""},
		{nest(String("x"), MaxNestingDepth), msgNesting},
		{nest(List(), MaxNestingDepth-1), ""},
		{nest(List(), MaxNestingDepth), msgNesting},
	}
	for _, tt := range tests {
		err := tt.v.Validate()
		got := ""
		var ve *ValidationError
		if errors.As(err, &ve) {
			got = ve.Message
		} else if err != nil {
			got = "unexpected " + err.Error()
		}
		if got != tt.want {
			t.Errorf("Validate(%.60v) = %q; want %q", tt.v, got, tt.want)
		}
	}
}

func TestItemValidate(t *testing.T) {
	if err := (Item{"a": String("x"), "b": List()}).Validate(); err != nil {
		t.Errorf("valid item: %v", err)
	}
	it := Item{"b": StringSet(), "a": Value{Type: TypeN, S: "z"}, "c": nest(Null(), MaxNestingDepth)}
	if err := it.Validate(); err == nil || err.Error() != "The parameter cannot be converted to a numeric value: z" {
		t.Errorf("Item.Validate = %v", err)
	}
	if err := (Item{"c": nest(Null(), MaxNestingDepth)}).Validate(); err == nil || err.Error() != msgNesting {
		t.Errorf("Item.Validate = %v", err)
	}
}
