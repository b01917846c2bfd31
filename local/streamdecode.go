package local

import (
	"encoding"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/dokklib/db/internal/ddbtype"
)

// The request decoder's fast path: one pass over the body with ddbtype's
// JSON reader, handing each item and attribute value to ddbtype where it
// is, instead of encoding/json's three (validating the body, finding each
// item's end, decoding). It decodes what encoding/json would decode into
// the same value, and gives up (errFallback or any other error) on
// whatever it does not model exactly: duplicate members, member names
// that differ from the field's only in case, values of the wrong JSON
// type, malformed or invalid input. decodeJSON then decodes the body again
// with encoding/json, whose errors the engine's messages are made from.

// errFallback is the fast path giving up on input it does not model.
var errFallback = errors.New("local: decode with encoding/json")

// readerDecoder is a type that decodes itself from the reader, as its
// UnmarshalJSON would from the value's text.
type readerDecoder interface {
	decodeFrom(r *ddbtype.JSONReader) error
}

// decodeFunc decodes the value at the reader into v, which is settable
// and holds its type's zero value.
type decodeFunc func(r *ddbtype.JSONReader, v reflect.Value) error

var (
	decoders        sync.Map // reflect.Type to decodeFunc
	unmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	textType        = reflect.TypeFor[encoding.TextUnmarshaler]()
	readerType      = reflect.TypeFor[readerDecoder]()
	itemType        = reflect.TypeFor[ddbtype.Item]()
	valueType       = reflect.TypeFor[ddbtype.Value]()
)

// decodeFast decodes body into v, a pointer to a zero value, in one pass.
// On failure it leaves v zero again.
func decodeFast(body []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return errFallback
	}
	r := ddbtype.NewJSONReader(body)
	err := decoderFor(rv.Type().Elem())(r, rv.Elem())
	if err == nil {
		err = r.End()
	}
	if err != nil {
		rv.Elem().SetZero()
	}
	return err
}

// decoderFor returns the decoder of values of type t, building it once.
func decoderFor(t reflect.Type) decodeFunc {
	if f, ok := decoders.Load(t); ok {
		return f.(decodeFunc)
	}
	buildMu.Lock()
	defer buildMu.Unlock()
	b := builder{built: map[reflect.Type]decodeFunc{}}
	f := b.get(t)
	for t, f := range b.built {
		decoders.Store(t, f)
	}
	return f
}

// buildMu serializes the building of decoders.
var buildMu sync.Mutex

// builder builds the decoders of a type and of the types it holds, which
// decoderFor publishes together once all are complete.
type builder struct {
	built map[reflect.Type]decodeFunc
}

// get returns the decoder of type t, building it if need be.
func (b *builder) get(t reflect.Type) decodeFunc {
	if f, ok := decoders.Load(t); ok {
		return f.(decodeFunc)
	}
	if f, ok := b.built[t]; ok {
		return f
	}
	// A placeholder lets recursive types refer to the decoder being built.
	var f decodeFunc
	b.built[t] = func(r *ddbtype.JSONReader, v reflect.Value) error { return f(r, v) }
	f = b.newDecoder(t)
	b.built[t] = f
	return f
}

// newDecoder builds the decoder of values of type t.
func (b *builder) newDecoder(t reflect.Type) decodeFunc {
	switch {
	case t == itemType:
		return decodeItem
	case t == valueType:
		return decodeValue
	case reflect.PointerTo(t).Implements(readerType):
		return nullable(decodeSelf)
	case reflect.PointerTo(t).Implements(unmarshalerType):
		return decodeUnmarshaler
	case reflect.PointerTo(t).Implements(textType):
		return fallback
	}
	switch t.Kind() {
	case reflect.String:
		return nullable(decodeString)
	case reflect.Bool:
		return nullable(decodeBool)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return nullable(decodeInt)
	case reflect.Pointer:
		return b.pointerDecoder(t)
	case reflect.Slice:
		return b.sliceDecoder(t)
	case reflect.Map:
		return b.mapDecoder(t)
	case reflect.Struct:
		return b.structDecoder(t)
	}
	return fallback
}

// fallback gives up on a type the fast path does not model.
func fallback(*ddbtype.JSONReader, reflect.Value) error { return errFallback }

// nullable wraps a decoder of a type that JSON null leaves unchanged.
func nullable(f decodeFunc) decodeFunc {
	return func(r *ddbtype.JSONReader, v reflect.Value) error {
		if r.Kind() == ddbtype.JSONNull {
			return r.ReadNull()
		}
		return f(r, v)
	}
}

// decodeItem decodes a ddbtype.Item; null leaves it nil.
func decodeItem(r *ddbtype.JSONReader, v reflect.Value) error {
	it, err := r.ReadItem()
	if err == nil && it != nil {
		v.Set(reflect.ValueOf(it))
	}
	return err
}

// decodeValue decodes a ddbtype.Value; null leaves it zero.
func decodeValue(r *ddbtype.JSONReader, v reflect.Value) error {
	val, err := r.ReadValue()
	if err == nil {
		v.Set(reflect.ValueOf(val))
	}
	return err
}

// decodeSelf decodes a value that decodes itself from the reader.
func decodeSelf(r *ddbtype.JSONReader, v reflect.Value) error {
	return v.Addr().Interface().(readerDecoder).decodeFrom(r)
}

// decodeUnmarshaler hands the value's text to its UnmarshalJSON, as
// encoding/json does, null included.
func decodeUnmarshaler(r *ddbtype.JSONReader, v reflect.Value) error {
	raw, err := r.Skip()
	if err != nil {
		return err
	}
	return v.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(raw)
}

// decodeString decodes a JSON string.
func decodeString(r *ddbtype.JSONReader, v reflect.Value) error {
	if r.Kind() != ddbtype.JSONString {
		return errFallback
	}
	s, err := r.ReadString()
	v.SetString(s)
	return err
}

// decodeBool decodes true or false.
func decodeBool(r *ddbtype.JSONReader, v reflect.Value) error {
	b, err := r.ReadBool()
	v.SetBool(b)
	return err
}

// decodeInt decodes an integer that fits v.
func decodeInt(r *ddbtype.JSONReader, v reflect.Value) error {
	if r.Kind() != ddbtype.JSONInt {
		return errFallback
	}
	text, err := r.ReadNumber()
	if err != nil {
		return err
	}
	n, err := strconv.ParseInt(string(text), 10, 64)
	if err != nil || v.OverflowInt(n) {
		return errFallback
	}
	v.SetInt(n)
	return nil
}

// pointerDecoder decodes into a new value; null leaves the pointer nil.
func (b *builder) pointerDecoder(t reflect.Type) decodeFunc {
	elem := b.get(t.Elem())
	return nullable(func(r *ddbtype.JSONReader, v reflect.Value) error {
		p := reflect.New(t.Elem())
		v.Set(p)
		return elem(r, p.Elem())
	})
}

// sliceDecoder decodes an array; null leaves the slice nil, [] makes it
// empty.
func (b *builder) sliceDecoder(t reflect.Type) decodeFunc {
	elem := b.get(t.Elem())
	return nullable(func(r *ddbtype.JSONReader, v reflect.Value) error {
		if r.Kind() != ddbtype.JSONArray {
			return errFallback
		}
		v.Set(reflect.MakeSlice(t, 0, 0))
		return r.ReadArray(func() error {
			// Growing v in place: reflect.Append allocates a slice
			// header for every element.
			n := v.Len()
			v.Grow(1)
			v.SetLen(n + 1)
			return elem(r, v.Index(n))
		})
	})
}

// mapDecoder decodes an object into a map with string keys; null leaves
// the map nil. A repeated key keeps its last value.
func (b *builder) mapDecoder(t reflect.Type) decodeFunc {
	if t.Key().Kind() != reflect.String || reflect.PointerTo(t.Key()).Implements(textType) {
		return fallback
	}
	elem := b.get(t.Elem())
	return nullable(func(r *ddbtype.JSONReader, v reflect.Value) error {
		if r.Kind() != ddbtype.JSONObject {
			return errFallback
		}
		m := reflect.MakeMap(t)
		v.Set(m)
		e := reflect.New(t.Elem()).Elem()
		return r.ReadObject(func(name []byte) error {
			e.SetZero()
			if err := elem(r, e); err != nil {
				return err
			}
			m.SetMapIndex(reflect.ValueOf(string(name)).Convert(t.Key()), e)
			return nil
		})
	})
}

// structField is a member of a struct's JSON object.
type structField struct {
	name   string
	index  []int
	depth  int
	decode decodeFunc
}

// structDecoder decodes an object into a struct; null leaves it unchanged.
func (b *builder) structDecoder(t reflect.Type) decodeFunc {
	fields, ok := jsonFields(t, nil, nil)
	if ok {
		fields, ok = dominantFields(fields)
	}
	if !ok || len(fields) > 64 {
		return fallback
	}
	byName := make(map[string]int, len(fields))
	for i := range fields {
		fields[i].decode = b.get(t.FieldByIndex(fields[i].index).Type)
		byName[fields[i].name] = i
	}
	return nullable(func(r *ddbtype.JSONReader, v reflect.Value) error {
		if r.Kind() != ddbtype.JSONObject {
			return errFallback
		}
		var seen uint64
		return r.ReadObject(func(name []byte) error {
			i, ok := byName[string(name)]
			if !ok {
				return skipUnknown(r, name, fields)
			}
			if seen&(1<<i) != 0 {
				return errFallback // encoding/json merges repeated members
			}
			seen |= 1 << i
			f := &fields[i]
			return f.decode(r, v.FieldByIndex(f.index))
		})
	})
}

// skipUnknown skips the value of a member no field is named after, unless
// encoding/json would match it to a field ignoring case.
func skipUnknown(r *ddbtype.JSONReader, name []byte, fields []structField) error {
	for _, c := range name {
		if c >= 0x80 {
			return errFallback
		}
	}
	for _, f := range fields {
		if strings.EqualFold(f.name, string(name)) {
			return errFallback
		}
	}
	_, err := r.Skip()
	return err
}

// jsonFields lists the fields encoding/json decodes into a struct of type
// t, embedded structs' fields included, before dominance is applied. It
// reports false for shapes the fast path does not model.
func jsonFields(t reflect.Type, index []int, out []structField) ([]structField, bool) {
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		path := append(append([]int(nil), index...), i)
		switch {
		case tag == "-" || (!sf.IsExported() && !sf.Anonymous):
			continue
		case strings.Contains(opts, "string"):
			return nil, false
		case sf.Anonymous && name == "":
			if sf.Type.Kind() != reflect.Struct {
				return nil, false
			}
			var ok bool
			if out, ok = jsonFields(sf.Type, path, out); !ok {
				return nil, false
			}
			continue
		case !sf.IsExported():
			continue
		}
		if name == "" {
			name = sf.Name
		}
		out = append(out, structField{name: name, index: path, depth: len(path)})
	}
	return out, true
}

// dominantFields keeps, for each name, the shallowest field. It reports
// false when two fields of the same depth share a name, which
// encoding/json resolves by tags.
func dominantFields(fields []structField) ([]structField, bool) {
	var out []structField
	for i, f := range fields {
		keep := true
		for j, g := range fields {
			if i == j || g.name != f.name {
				continue
			}
			if g.depth == f.depth {
				return nil, false
			}
			keep = keep && g.depth > f.depth
		}
		if keep {
			out = append(out, f)
		}
	}
	return out, true
}
