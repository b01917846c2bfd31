package db

import (
	"encoding"
	"fmt"
	"reflect"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// encodeFunc encodes v. A nil attribute value with a nil error means that
// v is omitted.
type encodeFunc func(st *encState, v reflect.Value) (types.AttributeValue, error)

// encKey identifies a compiled encoder: the type, the tag options of
// where the value is, and the stage. noAddr says that values are never
// addressable there (map values), whatever reflect says: attributevalue
// finds pointer-receiver Marshalers only on addressable values.
type encKey struct {
	t      reflect.Type
	opts   tagOpts
	noAddr bool
	after  bool // after the zero check and the dereference: see compileAfter
}

var encoderCache sync.Map // encKey → encodeFunc

// encoderFor returns the encoder of k, compiling it once.
func encoderFor(k encKey) encodeFunc {
	return compileOnce(&encoderCache, k, compileEncoderKey, func(get func() encodeFunc) encodeFunc {
		return func(st *encState, v reflect.Value) (types.AttributeValue, error) { return get()(st, v) }
	})
}

func compileEncoderKey(k encKey) encodeFunc {
	if k.after {
		return compileAfter(k)
	}
	return compileEncoder(k)
}

// compileEncoder follows attributevalue's encode: a zero value may be
// omitted or NULL, then one pointer or interface is dereferenced.
func compileEncoder(k encKey) encodeFunc {
	var next encodeFunc
	switch k.t.Kind() {
	case reflect.Pointer:
		elem := encoderFor(encKey{t: k.t.Elem(), opts: k.opts, after: true})
		next = func(st *encState, v reflect.Value) (types.AttributeValue, error) { return elem(st, v.Elem()) }
	case reflect.Interface:
		next = dynamicEncoder(k.opts)
	default:
		next = encoderFor(encKey{t: k.t, opts: k.opts, noAddr: k.noAddr, after: true})
	}
	return withZero(k, next)
}

// withZero omits or nulls zero values as the tag options say: nil maps,
// slices, pointers and interfaces are NULL unless omitempty.
func withZero(k encKey, next encodeFunc) encodeFunc {
	isZero := zeroFunc(k.t)
	omit, null := k.opts.has(tagOmitEmpty), k.opts.has(tagNullEmpty)
	nullable := nullableKind(k.t.Kind())
	if isZero == nil || (!omit && !null && !nullable) {
		return next
	}
	return func(st *encState, v reflect.Value) (types.AttributeValue, error) {
		switch {
		case !isZero(v):
			return next(st, v)
		case omit && null:
			return nil, fmt.Errorf("zero value with both omitempty and nullempty")
		case omit:
			return nil, nil
		}
		return newNull(), nil
	}
}

func nullableKind(k reflect.Kind) bool {
	switch k {
	case reflect.Map, reflect.Slice, reflect.Interface, reflect.Pointer:
		return true
	}
	return false
}

// zeroFunc reports the values that attributevalue counts as empty, or is
// nil when a type has none (structs, including time.Time, are never empty).
func zeroFunc(t reflect.Type) func(reflect.Value) bool {
	switch t.Kind() {
	case reflect.Array:
		if t.Len() == 0 {
			return func(reflect.Value) bool { return true }
		}
	case reflect.Map, reflect.Slice, reflect.Interface, reflect.Pointer:
		return reflect.Value.IsNil
	case reflect.String:
		return func(v reflect.Value) bool { return v.Len() == 0 }
	case reflect.Bool:
		return func(v reflect.Value) bool { return !v.Bool() }
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(v reflect.Value) bool { return v.Int() == 0 }
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return func(v reflect.Value) bool { return v.Uint() == 0 }
	case reflect.Float32, reflect.Float64:
		return func(v reflect.Value) bool { return v.Float() == 0 }
	}
	return nil
}

// dynamicEncoder encodes the value in a non-nil interface, which is never
// addressable.
func dynamicEncoder(opts tagOpts) encodeFunc {
	return func(st *encState, v reflect.Value) (types.AttributeValue, error) {
		e := v.Elem()
		if opts == 0 && e.Type() == rtString {
			return st.str(e.String()), nil
		}
		return encoderFor(encKey{t: e.Type(), opts: opts, noAddr: true, after: true})(st, e)
	}
}

// compileAfter follows attributevalue's encode after the dereference: a
// Marshaler encodes itself, else the kind of value decides.
func compileAfter(k encKey) encodeFunc {
	if k.t.Kind() == reflect.Pointer && k.t.Implements(rtAttributeValue) {
		return func(_ *encState, v reflect.Value) (types.AttributeValue, error) {
			return v.Interface().(types.AttributeValue), nil
		}
	}
	if enc, ok := setEncoders[k.t]; ok {
		return enc // what the sets' Marshalers do, without boxing
	}
	return withMarshaler(k, kindEncoder(k))
}

var (
	rtAttributeValue = reflect.TypeFor[types.AttributeValue]()
	rtMarshaler      = reflect.TypeFor[avMarshaler]()
	rtTextMarshaler  = reflect.TypeFor[encoding.TextMarshaler]()
	rtNumberer       = reflect.TypeFor[numberer]()
	rtString         = reflect.TypeFor[string]()
	rtTime           = reflect.TypeFor[time.Time]()
	rtBytesSlice     = reflect.TypeFor[[][]byte]()
)

// numberer is what makes attributevalue encode a string type as a number.
type numberer interface {
	Float64() (float64, error)
	Int64() (int64, error)
	String() string
}

// withMarshaler calls a Marshaler where attributevalue does: on the
// address of an addressable named value, else on the value. A Marshaler
// that returns nil leaves the value to next.
func withMarshaler(k encKey, next encodeFunc) encodeFunc {
	t := k.t
	byAddr := t.Kind() != reflect.Pointer && t.Name() != ""
	ptrImpl := byAddr && reflect.PointerTo(t).Implements(rtMarshaler)
	valImpl := t.Implements(rtMarshaler) || (t.Kind() == reflect.Interface && t.NumMethod() > 0)
	if !ptrImpl && !valImpl {
		return next
	}
	return func(st *encState, v reflect.Value) (types.AttributeValue, error) {
		var m avMarshaler
		switch {
		case !v.CanInterface(), t.Kind() == reflect.Pointer && v.IsNil():
		case byAddr && !k.noAddr && v.CanAddr():
			m, _ = v.Addr().Interface().(avMarshaler)
		case valImpl:
			m, _ = v.Interface().(avMarshaler)
		}
		if m != nil {
			if av, err := m.MarshalDynamoDBAttributeValue(); err != nil || av != nil {
				return av, err
			}
		}
		return next(st, v)
	}
}

// kindEncoder encodes by kind of value, as attributevalue does.
func kindEncoder(k encKey) encodeFunc {
	t := k.t
	switch t.Kind() {
	case reflect.Struct:
		if t.ConvertibleTo(rtTime) {
			return timeEncoder(t, k.opts.has(tagUnixTime))
		}
		return structEncoderFor(t, k.noAddr).encode
	case reflect.Map:
		return mapEncoder(k)
	case reflect.Slice, reflect.Array:
		return sliceEncoder(k)
	case reflect.Pointer:
		return ptrEncoder(k)
	case reflect.Interface:
		// A pointer to an interface: attributevalue omits it.
		return func(*encState, reflect.Value) (types.AttributeValue, error) { return nil, nil }
	}
	return scalarEncoder(t, k.opts.has(tagString))
}

// scalarEncoder encodes booleans, strings and numbers; asString makes
// numbers S.
func scalarEncoder(t reflect.Type, asString bool) encodeFunc {
	num := func(st *encState, s string) types.AttributeValue {
		if asString {
			return st.str(s)
		}
		return st.num(s)
	}
	switch t.Kind() {
	case reflect.Bool:
		return func(st *encState, v reflect.Value) (types.AttributeValue, error) { return st.bool(v.Bool()), nil }
	case reflect.String:
		if t.Implements(rtNumberer) {
			return func(st *encState, v reflect.Value) (types.AttributeValue, error) { return num(st, v.String()), nil }
		}
		return func(st *encState, v reflect.Value) (types.AttributeValue, error) { return st.str(v.String()), nil }
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(st *encState, v reflect.Value) (types.AttributeValue, error) {
			return num(st, st.intText(v.Int())), nil
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return func(st *encState, v reflect.Value) (types.AttributeValue, error) {
			return num(st, st.uintText(v.Uint())), nil
		}
	case reflect.Float32, reflect.Float64:
		bits := t.Bits()
		return func(st *encState, v reflect.Value) (types.AttributeValue, error) {
			return num(st, st.floatText(v.Float(), bits)), nil
		}
	}
	return func(*encState, reflect.Value) (types.AttributeValue, error) {
		return nil, fmt.Errorf("DynamoDB has no type for %s", t)
	}
}

// timeEncoder encodes a time as RFC 3339 text with nanoseconds, or with
// unixTime as a number of seconds.
func timeEncoder(t reflect.Type, unixTime bool) encodeFunc {
	return func(st *encState, v reflect.Value) (types.AttributeValue, error) {
		tm, ok := timeValue(v)
		if !ok {
			return nil, fmt.Errorf("cannot read %s in an unexported field", t)
		}
		if unixTime {
			return st.num(st.intText(tm.Unix())), nil
		}
		return st.str(st.timeText(tm)), nil
	}
}

// timeValue returns the time in v, a time.Time or a type defined from it.
func timeValue(v reflect.Value) (time.Time, bool) {
	switch {
	case !v.CanInterface():
		return time.Time{}, false
	case v.Type() == rtTime:
		return valueAs[time.Time](v), true
	}
	return v.Convert(rtTime).Interface().(time.Time), true
}

// ptrEncoder encodes a pointer met after the first dereference: a nil one
// is omitted with omitempty and omitemptyelem, else NULL; another is
// encoded whole, zero check included, as attributevalue does.
func ptrEncoder(k encKey) encodeFunc {
	omit := k.opts.has(tagOmitEmpty) && k.opts.has(tagOmitEmptyElem)
	elem := encoderFor(encKey{t: k.t.Elem(), opts: k.opts})
	return func(st *encState, v reflect.Value) (types.AttributeValue, error) {
		switch {
		case !v.IsNil():
			if err := st.enter(); err != nil {
				return nil, err
			}
			defer st.leave()
			return elem(st, v.Elem())
		case omit:
			return nil, nil
		}
		return newNull(), nil
	}
}

// mapEncoder encodes a map as M: keys become text as attributevalue makes
// them, elements are encoded with the element options.
func mapEncoder(k encKey) encodeFunc {
	t := k.t
	if fast := fastMapEncoder(t, k.opts.elem()); fast != nil {
		return fast
	}
	key := mapKeyEncoder(t.Key())
	elem := encoderFor(encKey{t: t.Elem(), opts: k.opts.elem(), noAddr: true})
	return func(st *encState, v reflect.Value) (types.AttributeValue, error) {
		if err := st.enter(); err != nil {
			return nil, err
		}
		defer st.leave()
		out := make(map[string]types.AttributeValue, v.Len())
		kv, ev := reflect.New(t.Key()).Elem(), reflect.New(t.Elem()).Elem()
		var it reflect.MapIter
		for it.Reset(v); it.Next(); {
			kv.SetIterKey(&it)
			ev.SetIterValue(&it)
			name, err := key(kv)
			if err != nil {
				return nil, err
			}
			av, err := elem(st, ev)
			if err != nil {
				return nil, fmt.Errorf("key %q: %w", name, err)
			}
			if av != nil {
				out[name] = av
			}
		}
		return st.mapOf(out), nil
	}
}

// mapKeyEncoder returns how attributevalue writes map keys of type t: with
// MarshalText, as fmt.Sprint does for booleans, strings and numbers, and
// never empty.
func mapKeyEncoder(t reflect.Type) func(reflect.Value) (string, error) {
	text := func(k reflect.Value) (string, error) {
		m, ok := k.Interface().(encoding.TextMarshaler)
		if !ok {
			return "", fmt.Errorf("map key type %s not supported: use a string, number, bool or TextMarshaler", k.Type())
		}
		b, err := m.MarshalText()
		return nonEmptyKey(string(b), err)
	}
	switch t.Kind() {
	case reflect.Interface:
		return text
	case reflect.Bool, reflect.String,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		switch {
		case t.Implements(rtTextMarshaler):
			return text
		case t.Kind() == reflect.String && t.NumMethod() == 0:
			return func(k reflect.Value) (string, error) { return nonEmptyKey(k.String(), nil) }
		}
		return func(k reflect.Value) (string, error) { return nonEmptyKey(fmt.Sprint(k.Interface()), nil) }
	}
	return text
}

func nonEmptyKey(s string, err error) (string, error) {
	if err == nil && s == "" {
		err = fmt.Errorf("map key cannot be empty")
	}
	return s, err
}
