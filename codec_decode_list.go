package db

import (
	"fmt"
	"reflect"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// sliceDecoder decodes a B, an L or a set into a slice or an array;
// noAddr is the key's of the elements.
func sliceDecoder(t reflect.Type, noAddr bool) decodeFunc {
	elem := decoderFor(decKey{t: t.Elem(), noAddr: noAddr})
	wholeSet := takesWholeSet(t.Elem())
	return func(av types.AttributeValue, v reflect.Value, depth int) error {
		if depth > maxCodecDepth {
			return errTooDeep
		}
		switch x := av.(type) {
		case *types.AttributeValueMemberB:
			if x != nil && t.Elem().Kind() == reflect.Uint8 {
				return decodeBytesInto(x.Value, v)
			}
		case *types.AttributeValueMemberL:
			if x == nil {
				break
			}
			if t == rtStrings {
				if ok, err := decodeStringList(x.Value, v); ok {
					return err
				}
			}
			return decodeListInto(x.Value, v, elem, depth)
		case *types.AttributeValueMemberSS, *types.AttributeValueMemberNS, *types.AttributeValueMemberBS:
			if elems, ok := setElemsOf(x); ok {
				return decodeSetInto(x, elems, v, elem, wholeSet, depth)
			}
		}
		return decodeOther(av, v)
	}
}

// decodeBytesInto copies b into a slice or array of bytes; a slice keeps its
// memory if it is large enough.
func decodeBytesInto(b []byte, v reflect.Value) error {
	switch {
	case v.Kind() == reflect.Array && v.Len() != len(b):
		return fmt.Errorf("cannot decode %d bytes into %s", len(b), v.Type())
	case v.Kind() == reflect.Array:
	case v.IsNil() || v.Cap() < len(b):
		v.Set(reflect.MakeSlice(v.Type(), len(b), len(b)))
	default:
		v.SetLen(len(b))
	}
	if v.CanAddr() || v.Kind() == reflect.Slice {
		copy(v.Bytes(), b)
		return nil
	}
	for i, c := range b {
		v.Index(i).SetUint(uint64(c))
	}
	return nil
}

// prepare makes the slice v hold n elements, reusing its memory if it is
// large enough; arrays stay as they are. An empty list leaves a non-nil
// slice as it is, as attributevalue does.
func prepareSlice(v reflect.Value, n int) {
	if v.Kind() == reflect.Array {
		return
	}
	if v.IsNil() || v.Cap() < n {
		v.Set(reflect.MakeSlice(v.Type(), 0, n))
	}
	if n > 0 {
		v.SetLen(n)
	}
}

// decodeListInto decodes the elements of an L, as many as an array holds.
func decodeListInto(l []types.AttributeValue, v reflect.Value, elem decodeFunc, depth int) error {
	prepareSlice(v, len(l))
	for i := range min(v.Len(), len(l)) {
		if err := elem(l[i], v.Index(i), depth+1); err != nil {
			return fmt.Errorf("element %d: %w", i, err)
		}
	}
	return nil
}

// setElemsOf returns the elements of a set as attribute values.
func setElemsOf(av types.AttributeValue) ([]types.AttributeValue, bool) {
	switch x := av.(type) {
	case *types.AttributeValueMemberSS:
		if x != nil {
			return membersOf(x.Value, func(m *types.AttributeValueMemberS, s string) { m.Value = s }), true
		}
	case *types.AttributeValueMemberNS:
		if x != nil {
			return membersOf(x.Value, func(m *types.AttributeValueMemberN, s string) { m.Value = s }), true
		}
	case *types.AttributeValueMemberBS:
		if x != nil {
			return membersOf(x.Value, func(m *types.AttributeValueMemberB, b []byte) { m.Value = b }), true
		}
	}
	return nil, false
}

// membersOf makes members M of values, allocated together.
func membersOf[M any, PM member[M], E any](values []E, set func(PM, E)) []types.AttributeValue {
	ms := make([]M, len(values))
	out := make([]types.AttributeValue, len(values))
	for i, e := range values {
		set(&ms[i], e)
		out[i] = PM(&ms[i])
	}
	return out
}

// decodeSetInto decodes a set's elements. An element type with an Unmarshaler
// gets the whole set, in the first element, as attributevalue does.
func decodeSetInto(set types.AttributeValue, elems []types.AttributeValue, v reflect.Value, elem decodeFunc, wholeSet bool, depth int) error {
	if !wholeSet {
		return decodeListInto(elems, v, elem, depth)
	}
	prepareSlice(v, len(elems))
	if len(elems) == 0 || v.Len() == 0 {
		return nil
	}
	if v.Kind() == reflect.Slice {
		v.SetLen(1)
	}
	return elem(set, v.Index(0), depth+1)
}

// takesWholeSet says whether attributevalue gives a whole set to the
// Unmarshaler of elements of type t.
func takesWholeSet(t reflect.Type) bool {
	if t.Kind() != reflect.Pointer {
		return t.Name() != "" && reflect.PointerTo(t).Implements(rtUnmarshaler)
	}
	for range maxCodecDepth {
		if t.Kind() != reflect.Pointer {
			return false
		}
		if t.Implements(rtUnmarshaler) {
			return true
		}
		t = t.Elem()
	}
	return false
}
