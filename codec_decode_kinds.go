package db

import (
	"encoding"
	"fmt"
	"reflect"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// kindDecoder decodes an attribute value other than NULL into a value
// that is neither a pointer nor an interface, by kind, as attributevalue.
func kindDecoder(k decKey) decodeFunc {
	t := k.t
	switch t.Kind() {
	case reflect.String:
		return decodeStringInto
	case reflect.Bool:
		return decodeBoolInto
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return numberDecoder(k.asString, setIntText)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return numberDecoder(k.asString, setUintText)
	case reflect.Float32, reflect.Float64:
		return numberDecoder(k.asString, setFloatText)
	case reflect.Struct:
		if t.ConvertibleTo(rtTime) {
			return timeDecoder(k.asString)
		}
		return structDecoderFor(t, k.noAddr).decode
	case reflect.Map:
		return mapDecoder(t)
	case reflect.Slice, reflect.Array:
		return sliceDecoder(t, k.noAddr && t.Kind() == reflect.Array)
	}
	return func(av types.AttributeValue, v reflect.Value, _ int) error { return decodeOther(av, v) }
}

// decodeStringInto decodes an S, or the text of an N, into a string.
func decodeStringInto(av types.AttributeValue, v reflect.Value, _ int) error {
	s, err := decodeStringText(av, 0)
	if err != nil {
		return err
	}
	v.SetString(s)
	return nil
}

func decodeBoolInto(av types.AttributeValue, v reflect.Value, _ int) error {
	if x, ok := av.(*types.AttributeValueMemberBOOL); ok && x != nil {
		v.SetBool(x.Value)
		return nil
	}
	return decodeOther(av, v)
}

// numberTextOf returns the text of an N, or with the string option of an S.
func numberTextOf(av types.AttributeValue, asString bool) (string, bool) {
	switch x := av.(type) {
	case *types.AttributeValueMemberN:
		if x != nil {
			return x.Value, true
		}
	case *types.AttributeValueMemberS:
		if x != nil && asString {
			return x.Value, true
		}
	}
	return "", false
}

// numberDecoder decodes an N into a number with set, failing when it does
// not fit.
func numberDecoder(asString bool, set func(string, reflect.Value) error) decodeFunc {
	return func(av types.AttributeValue, v reflect.Value, _ int) error {
		if n, ok := numberTextOf(av, asString); ok {
			return set(n, v)
		}
		return decodeOther(av, v)
	}
}

// setNumberText sets the integer or float v to the number n.
func setNumberText(n string, v reflect.Value) error {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return setIntText(n, v)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return setUintText(n, v)
	}
	return setFloatText(n, v)
}

func setIntText(n string, v reflect.Value) error {
	return setParsed(n, v, parseInt, reflect.Value.OverflowInt, reflect.Value.SetInt)
}

func setUintText(n string, v reflect.Value) error {
	return setParsed(n, v, parseUint, reflect.Value.OverflowUint, reflect.Value.SetUint)
}

func setFloatText(n string, v reflect.Value) error {
	return setParsed(n, v, parseFloat, reflect.Value.OverflowFloat, reflect.Value.SetFloat)
}

func parseInt(s string) (int64, error)     { return strconv.ParseInt(s, 10, 64) }
func parseUint(s string) (uint64, error)   { return strconv.ParseUint(s, 10, 64) }
func parseFloat(s string) (float64, error) { return strconv.ParseFloat(s, 64) }

// setParsed sets v to what parse reads in n, unless it overflows v.
func setParsed[T any](n string, v reflect.Value, parse func(string) (T, error),
	overflows func(reflect.Value, T) bool, set func(reflect.Value, T)) error {
	x, err := parse(n)
	switch {
	case err != nil:
		return err
	case overflows(v, x):
		return numberOverflow(n, v.Type())
	}
	set(v, x)
	return nil
}

func numberOverflow(n string, t reflect.Type) error {
	return fmt.Errorf("number %s overflows %s", n, t)
}

// timeDecoder decodes a time from RFC 3339 text in an S, or from seconds
// since 1970 in an N (or in an S with the string option). An M leaves it
// as it is, as attributevalue does.
func timeDecoder(asString bool) decodeFunc {
	return func(av types.AttributeValue, v reflect.Value, _ int) error {
		if n, ok := numberTextOf(av, asString); ok {
			return setTimeText(v, n, parseUnixTime)
		}
		switch x := av.(type) {
		case *types.AttributeValueMemberS:
			if x != nil {
				return setTimeText(v, x.Value, parseRFC3339)
			}
		case *types.AttributeValueMemberM:
			return nil
		}
		return decodeOther(av, v)
	}
}

func parseUnixTime(s string) (time.Time, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("time %q is not seconds since 1970: %w", s, err)
	}
	return time.Unix(n, 0), nil
}

func parseRFC3339(s string) (time.Time, error) { return time.Parse(time.RFC3339, s) }

// setTimeText sets v to the time that parse reads in s.
func setTimeText(v reflect.Value, s string, parse func(string) (time.Time, error)) error {
	tm, err := parse(s)
	switch {
	case err != nil:
		return err
	case v.Type() == rtTime:
		*v.Addr().Interface().(*time.Time) = tm
	default:
		v.Set(reflect.ValueOf(tm).Convert(v.Type()))
	}
	return nil
}

// mapDecoder decodes an M into a map, adding to the map there is; keys are
// read as attributevalue reads them.
func mapDecoder(t reflect.Type) decodeFunc {
	key, keyErr := mapKeyDecoder(t.Key())
	elem := decoderFor(decKey{t: t.Elem()})
	return fastMapDecoder(t, func(av types.AttributeValue, v reflect.Value, depth int) error {
		m, ok := av.(*types.AttributeValueMemberM)
		switch {
		case !ok || m == nil:
			return decodeOther(av, v)
		case keyErr != nil:
			return keyErr
		case depth > maxCodecDepth:
			return errTooDeep
		case v.IsNil():
			v.Set(reflect.MakeMapWithSize(t, len(m.Value)))
		}
		kv, ev := reflect.New(t.Key()).Elem(), reflect.New(t.Elem()).Elem()
		for name, eav := range m.Value {
			if err := key(name, kv); err != nil {
				return fmt.Errorf("map key %q: %w", name, err)
			}
			ev.SetZero()
			if err := elem(eav, ev, depth+1); err != nil {
				return fmt.Errorf("key %q: %w", name, err)
			}
			v.SetMapIndex(kv, ev)
		}
		return nil
	})
}

var rtTextUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

// mapKeyDecoder returns how attributevalue reads map keys of type t: with
// UnmarshalText, or as a bool, a string or a number.
func mapKeyDecoder(t reflect.Type) (func(string, reflect.Value) error, error) {
	if t.Implements(rtTextUnmarshaler) || reflect.PointerTo(t).Implements(rtTextUnmarshaler) {
		return decodeTextKey, nil
	}
	switch t.Kind() {
	case reflect.String:
		return func(s string, k reflect.Value) error { k.SetString(s); return nil }, nil
	case reflect.Bool:
		return func(s string, k reflect.Value) error {
			b, err := strconv.ParseBool(s)
			k.SetBool(b)
			return err
		}, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return setNumberText, nil
	}
	return nil, fmt.Errorf("map key type %s not supported: use a string, number, bool or TextUnmarshaler", t)
}

// decodeTextKey sets k, a new value, to what UnmarshalText reads in s.
func decodeTextKey(s string, k reflect.Value) error {
	k.SetZero()
	p := k
	if k.Kind() == reflect.Pointer {
		k.Set(reflect.New(k.Type().Elem()))
	} else {
		p = k.Addr()
	}
	u, ok := p.Interface().(encoding.TextUnmarshaler)
	if !ok {
		return fmt.Errorf("map key type %s not supported", k.Type())
	}
	return u.UnmarshalText([]byte(s))
}
