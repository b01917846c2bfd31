package db

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// decodeFunc decodes av into v, at depth levels of nesting.
type decodeFunc func(av types.AttributeValue, v reflect.Value, depth int) error

// decKey identifies a compiled decoder: the type, and whether the field
// has the string option, which lets numbers (and times) come from S.
// noAddr says that attributevalue would see the value as not addressable,
// and so not find Unmarshalers with pointer receivers: inside a value held
// by an interface.
type decKey struct {
	t        reflect.Type
	asString bool
	noAddr   bool
}

var decoderCache sync.Map // decKey → decodeFunc

// decoderFor returns the decoder of k, compiling it once.
func decoderFor(k decKey) decodeFunc {
	return compileOnce(&decoderCache, k, compileDecoder, func(get func() decodeFunc) decodeFunc {
		return func(av types.AttributeValue, v reflect.Value, depth int) error { return get()(av, v, depth) }
	})
}

var (
	rtUnmarshaler = reflect.TypeFor[avUnmarshaler]()
	rtAny         = reflect.TypeFor[any]()
)

// compileDecoder follows attributevalue's decode: it looks for an
// Unmarshaler through pointers, allocating them, and on the address of a
// named value; then NULL makes the value zero, and else its kind decides.
func compileDecoder(k decKey) decodeFunc {
	t := k.t
	switch {
	case t == rtAttributeValue:
		return decodeAttributeValue
	case t.Kind() == reflect.Pointer:
		return ptrDecoder(k)
	case t.Kind() == reflect.Interface:
		return ifaceDecoder(k)
	}
	dec := kindDecoder(k)
	if !k.noAddr && t.Name() != "" && reflect.PointerTo(t).Implements(rtUnmarshaler) {
		return withUnmarshaler(dec)
	}
	return dec
}

// decodeAttributeValue keeps an attribute value as it is.
func decodeAttributeValue(av types.AttributeValue, v reflect.Value, _ int) error {
	switch {
	case !v.CanSet():
		return fmt.Errorf("cannot set %s", v.Type())
	case av == nil:
		v.SetZero()
	default:
		v.Set(reflect.ValueOf(av))
	}
	return nil
}

func isNullAV(av types.AttributeValue) bool {
	_, null := av.(*types.AttributeValueMemberNULL)
	return null || av == nil
}

// decodeOther is what decoders do with an attribute value they do not
// take: NULL makes v zero, and another is an error.
func decodeOther(av types.AttributeValue, v reflect.Value) error {
	if !isNullAV(av) {
		return decodeTypeError(av, v.Type())
	}
	if v.CanSet() {
		v.SetZero()
	}
	return nil
}

// withUnmarshaler calls the Unmarshaler of v's address.
func withUnmarshaler(next decodeFunc) decodeFunc {
	return func(av types.AttributeValue, v reflect.Value, depth int) error {
		if v.CanAddr() && v.CanInterface() {
			return v.Addr().Interface().(avUnmarshaler).UnmarshalDynamoDBAttributeValue(av)
		}
		return next(av, v, depth)
	}
}

// ptrDecoder decodes through a pointer, allocating it when nil; NULL makes
// a pointer that can be set nil.
func ptrDecoder(k decKey) decodeFunc {
	t := k.t
	impl := t.Implements(rtUnmarshaler)
	elem := decoderFor(decKey{t: t.Elem(), asString: k.asString})
	return func(av types.AttributeValue, v reflect.Value, depth int) error {
		switch {
		case depth > maxCodecDepth:
			return errTooDeep
		case isNullAV(av) && v.CanSet():
			v.SetZero()
			return nil
		case v.IsNil() && !v.CanSet():
			return fmt.Errorf("cannot set %s", t)
		case v.IsNil():
			v.Set(reflect.New(t.Elem()))
		}
		if impl && v.CanInterface() {
			return v.Interface().(avUnmarshaler).UnmarshalDynamoDBAttributeValue(av)
		}
		return elem(av, v.Elem(), depth+1)
	}
}

var errTooDeep = fmt.Errorf("values nested more than %d deep: is there a cycle?", maxCodecDepth)

// ifaceDecoder decodes into an interface as attributevalue does: into
// what a non-nil pointer in it points to, into (a copy of) another value
// in it, or else as a new value of the kinds of Item: string, Number,
// []byte, bool, nil, []any, map[string]any and the set types.
func ifaceDecoder(k decKey) decodeFunc {
	return func(av types.AttributeValue, v reflect.Value, depth int) error {
		switch e := v.Elem(); {
		case depth > maxCodecDepth:
			return errTooDeep
		case isNullAV(av):
			return decodeNullIface(av, v, depth)
		case !e.IsValid(), e.Kind() == reflect.Pointer && (e.IsNil() || pointsTo(e, v)):
		case e.Kind() == reflect.Pointer:
			return decoderFor(decKey{t: e.Type(), asString: k.asString})(av, e, depth+1)
		default:
			return decodeHeld(av, v, e, k.asString, depth)
		}
		x, err := decodeAny(av, k.asString, depth)
		if err != nil {
			return err
		}
		return setInterface(v, x, av)
	}
}

// pointsTo says whether the pointer p points to v.
func pointsTo(p, v reflect.Value) bool {
	return v.CanAddr() && p.Pointer() == v.Addr().Pointer()
}

// decodeHeld decodes av into a copy of e, the value in the interface v,
// and puts it in v. attributevalue decodes into e itself: it fails alike
// on attribute values of other kinds, and panics where it sets e.
func decodeHeld(av types.AttributeValue, v, e reflect.Value, asString bool, depth int) error {
	c := reflect.New(e.Type()).Elem()
	c.Set(e)
	if err := decoderFor(decKey{t: e.Type(), asString: asString, noAddr: true})(av, c, depth+1); err != nil {
		return err
	}
	if !v.CanSet() {
		return fmt.Errorf("cannot set %s", v.Type())
	}
	v.Set(c)
	return nil
}

// decodeNullIface decodes NULL into an interface as attributevalue does:
// a pointer to a pointer in it is followed, another non-nil value in it
// stays, and else it becomes nil.
func decodeNullIface(av types.AttributeValue, v reflect.Value, depth int) error {
	if !v.IsNil() {
		e := v.Elem()
		if e.Kind() != reflect.Pointer {
			return nil
		}
		if !e.IsNil() && e.Elem().Kind() == reflect.Pointer {
			return decoderFor(decKey{t: e.Type()})(av, e, depth+1)
		}
	}
	if v.CanSet() {
		v.SetZero()
	}
	return nil
}

// setInterface sets the interface v to x, decoded from av.
func setInterface(v reflect.Value, x any, av types.AttributeValue) error {
	if v.Type() == rtAny && v.CanAddr() {
		*v.Addr().Interface().(*any) = x
		return nil
	}
	rx := reflect.ValueOf(x)
	if !v.CanSet() || !rx.Type().AssignableTo(v.Type()) {
		return decodeTypeError(av, v.Type())
	}
	v.Set(rx)
	return nil
}

// decodeAny decodes av as a value of Item. asString makes an S a Number.
func decodeAny(av types.AttributeValue, asString bool, depth int) (any, error) {
	if depth > maxCodecDepth {
		return nil, errTooDeep
	}
	switch x := av.(type) {
	case *types.AttributeValueMemberS:
		if x != nil {
			return stringOrNumber(x.Value, asString)
		}
	case *types.AttributeValueMemberN:
		if x != nil {
			return Number(x.Value), nil
		}
	case *types.AttributeValueMemberB:
		if x != nil {
			return append([]byte{}, x.Value...), nil
		}
	case *types.AttributeValueMemberBOOL:
		if x != nil {
			return x.Value, nil
		}
	case *types.AttributeValueMemberNULL, nil:
		return nil, nil
	case *types.AttributeValueMemberL:
		if x != nil {
			return decodeAnyList(x.Value, depth)
		}
	case *types.AttributeValueMemberM:
		if x != nil {
			return decodeAnyMap(x.Value, depth)
		}
	default:
		return decodeAnySet(av)
	}
	return nil, decodeTypeError(av, rtAny)
}

func stringOrNumber(s string, asNumber bool) (any, error) {
	if !asNumber {
		return s, nil
	}
	if _, err := strconv.ParseFloat(s, 64); err != nil && !errors.Is(err, strconv.ErrRange) {
		return nil, fmt.Errorf("string %q is not a number", s)
	}
	return Number(s), nil
}

func decodeAnySet(av types.AttributeValue) (any, error) {
	switch x := av.(type) {
	case *types.AttributeValueMemberSS:
		if x != nil {
			return StringSet(copyStrings(x.Value)), nil
		}
	case *types.AttributeValueMemberNS:
		if x != nil {
			return numberSetOf(x.Value), nil
		}
	case *types.AttributeValueMemberBS:
		if x != nil {
			return BinarySet(copyBinarySet(x.Value)), nil
		}
	}
	return nil, decodeTypeError(av, rtAny)
}

func decodeAnyList(l []types.AttributeValue, depth int) ([]any, error) {
	out := make([]any, len(l))
	for i, e := range l {
		x, err := decodeAny(e, false, depth+1)
		if err != nil {
			return nil, fmt.Errorf("element %d: %w", i, err)
		}
		out[i] = x
	}
	return out, nil
}

func decodeAnyMap(m map[string]types.AttributeValue, depth int) (map[string]any, error) {
	out := make(map[string]any, len(m))
	for k, e := range m {
		x, err := decodeAny(e, false, depth+1)
		if err != nil {
			return nil, fmt.Errorf("key %q: %w", k, err)
		}
		out[k] = x
	}
	return out, nil
}
