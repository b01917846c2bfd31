package db

import (
	"fmt"
	"reflect"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// MarshalItem encodes a struct, a map or a pointer to one as the
// attributes of an item, as Marshal does. A nil pointer, map or interface
// has no attributes; a value that does not encode as an M is an error.
func MarshalItem(v any) (map[string]types.AttributeValue, error) {
	m, err := marshalItem(v)
	if err != nil {
		return nil, fmt.Errorf("db: marshal %T: %w", v, err)
	}
	return m, nil
}

// Marshal encodes v as an attribute value exactly as the SDK's
// attributevalue.Marshal does with its default options, only faster: it
// honours the same dynamodbav struct tags (a name or "-", and the options
// omitempty, omitemptyelem, nullempty, nullemptyelem, string, stringset,
// numberset, binaryset and unixtime), promotes the fields of embedded
// structs with the same rules of visibility, calls the MarshalDynamoDBAttributeValue
// method of types that have one (attributevalue.Marshaler), encodes
// time.Time as RFC 3339 text with nanoseconds, []byte as B, [][]byte as
// BS, nil pointers, maps, slices and interfaces as NULL, Number as N with
// all its digits, and StringSet, NumberSet and BinarySet as sets.
//
// Where attributevalue has no type for a value, Marshal differs: channels,
// functions, complex numbers and uintptr are an error (attributevalue
// leaves them out silently), and a types.AttributeValue held in an
// interface is used as it is (attributevalue encodes its Go fields). Where
// attributevalue panics, Marshal skips unexported embedded fields that
// are not structs and fails on values nested more than 1000 deep, such as
// cycles.
func Marshal(v any) (types.AttributeValue, error) {
	av, err := marshalValue(v)
	if err != nil {
		return nil, fmt.Errorf("db: marshal %T: %w", v, err)
	}
	return av, nil
}

// UnmarshalItem decodes the attributes of an item into out, a non-nil
// pointer, as Unmarshal decodes an M.
func UnmarshalItem(m map[string]types.AttributeValue, out any) error {
	rv, err := outValue(out)
	if err == nil {
		err = itemDecoderFor(rv.Type())(m, rv)
	}
	if err != nil {
		return fmt.Errorf("db: unmarshal into %T: %w", out, err)
	}
	return nil
}

// Unmarshal decodes av into out, a non-nil pointer, as the SDK's
// attributevalue.Unmarshal does with its default options: it allocates
// pointers, slices and maps as needed, matches attributes to struct
// fields by name (exactly, or else regardless of case), calls the
// UnmarshalDynamoDBAttributeValue method of types that have one
// (attributevalue.Unmarshaler), reads numbers from S for fields with the
// string option, and times from RFC 3339 text or seconds since 1970.
//
// Decoding into an interface (any, or the values of map[string]any and
// Item) differs: it gives the values that Table's reads give, as Item
// documents them: a Number for an N (attributevalue: float64), StringSet,
// NumberSet and BinarySet for sets (attributevalue: []string, []float64
// and [][]byte), and a types.AttributeValue field gets the attribute value
// itself. Where attributevalue panics, Unmarshal fails, or for an
// interface holding a value that is neither a pointer nor a map, replaces
// the value.
func Unmarshal(av types.AttributeValue, out any) error {
	rv, err := outValue(out)
	if err == nil {
		err = decoderFor(decKey{t: rv.Type()})(av, rv, 0)
	}
	if err != nil {
		return fmt.Errorf("db: unmarshal into %T: %w", out, err)
	}
	return nil
}

// decodeAs decodes an item into a new T.
func decodeAs[T any](m map[string]types.AttributeValue) (T, error) {
	var out T
	err := UnmarshalItem(m, &out)
	return out, err
}

// decodeAllAs decodes items into a slice of T.
func decodeAllAs[T any](items []map[string]types.AttributeValue) ([]T, error) {
	out := make([]T, len(items))
	dec := itemDecoderFor(reflect.TypeFor[*T]())
	for i, m := range items {
		if err := dec(m, reflect.ValueOf(&out[i])); err != nil {
			return nil, fmt.Errorf("db: unmarshal item %d into %T: %w", i, out[i], err)
		}
	}
	return out, nil
}

// avMarshaler is the SDK's attributevalue.Marshaler: types that encode
// themselves.
type avMarshaler interface {
	MarshalDynamoDBAttributeValue() (types.AttributeValue, error)
}

// avUnmarshaler is the SDK's attributevalue.Unmarshaler: types that decode
// themselves.
type avUnmarshaler interface {
	UnmarshalDynamoDBAttributeValue(types.AttributeValue) error
}

// marshalValue is Marshal without the context in errors.
func marshalValue(v any) (types.AttributeValue, error) {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return newNull(), nil
	}
	st := newEncState()
	defer st.done()
	return encoderFor(encKey{t: rv.Type()})(st, rv)
}

// marshalItem is MarshalItem without the context in errors.
func marshalItem(v any) (map[string]types.AttributeValue, error) {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return map[string]types.AttributeValue{}, nil
	}
	st := newEncState()
	defer st.done()
	return itemEncoderFor(rv.Type())(st, rv)
}

// itemEncodeFunc encodes v as the attributes of an item.
type itemEncodeFunc func(st *encState, v reflect.Value) (map[string]types.AttributeValue, error)

var itemEncoders typeCache[itemEncodeFunc]

func itemEncoderFor(t reflect.Type) itemEncodeFunc {
	return itemEncoders.get(t, compileItemEncoder)
}

// compileItemEncoder encodes structs and pointers to them straight into
// the item's map; other types must encode as an M (or a NULL, for nil).
func compileItemEncoder(t reflect.Type) itemEncodeFunc {
	switch {
	case isPlainStruct(t) && !t.Implements(rtMarshaler):
		return structEncoderFor(t, false).encodeMap
	case t.Kind() == reflect.Pointer && isPlainStruct(t.Elem()) && !t.Implements(rtMarshaler):
		se := structEncoderFor(t.Elem(), false)
		return func(st *encState, v reflect.Value) (map[string]types.AttributeValue, error) {
			if v.IsNil() {
				return map[string]types.AttributeValue{}, nil
			}
			return se.encodeMap(st, v.Elem())
		}
	}
	enc := encoderFor(encKey{t: t})
	return func(st *encState, v reflect.Value) (map[string]types.AttributeValue, error) {
		av, err := enc(st, v)
		if err != nil {
			return nil, err
		}
		return itemOf(av)
	}
}

// itemOf returns the attributes in an M; NULL and nothing have none.
func itemOf(av types.AttributeValue) (map[string]types.AttributeValue, error) {
	switch x := av.(type) {
	case *types.AttributeValueMemberM:
		if x != nil && x.Value != nil {
			return x.Value, nil
		}
	case *types.AttributeValueMemberNULL, nil:
	default:
		return nil, fmt.Errorf("encodes as %s, not as an item (M)", typeOf(av))
	}
	return map[string]types.AttributeValue{}, nil
}

// isPlainStruct says whether t is a struct that encodes as its fields.
func isPlainStruct(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && !t.ConvertibleTo(rtTime)
}

// itemDecodeFunc decodes the attributes of an item into what the non-nil
// pointer v points to.
type itemDecodeFunc func(m map[string]types.AttributeValue, v reflect.Value) error

var itemDecoders typeCache[itemDecodeFunc]

func itemDecoderFor(t reflect.Type) itemDecodeFunc {
	return itemDecoders.get(t, compileItemDecoder)
}

// compileItemDecoder decodes into structs straight from the item's map;
// into other types, as an M.
func compileItemDecoder(t reflect.Type) itemDecodeFunc {
	if isPlainStruct(t.Elem()) && !t.Implements(rtUnmarshaler) {
		sd := structDecoderFor(t.Elem(), false)
		return func(m map[string]types.AttributeValue, v reflect.Value) error {
			return sd.decodeMap(m, v.Elem(), 0)
		}
	}
	dec := decoderFor(decKey{t: t})
	return func(m map[string]types.AttributeValue, v reflect.Value) error {
		return dec(&types.AttributeValueMemberM{Value: m}, v, 0)
	}
}

// outValue checks that out is a non-nil pointer.
func outValue(out any) (reflect.Value, error) {
	rv := reflect.ValueOf(out)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return reflect.Value{}, fmt.Errorf("%w: want a non-nil pointer", ErrInvalidArgument)
	}
	return rv, nil
}
