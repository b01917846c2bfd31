package db

import (
	"fmt"
	"reflect"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Fast paths for the commonest types of attributes, which do without
// reflection what the general encoders and decoders do.

var (
	rtStringMap = reflect.TypeFor[map[string]string]()
	rtAnyMap    = reflect.TypeFor[map[string]any]()
	rtItem      = reflect.TypeFor[Item]()
	rtStrings   = reflect.TypeFor[[]string]()
)

// fastMapEncoder returns an encoder of maps of type t with element options
// opts without reflection, or nil.
func fastMapEncoder(t reflect.Type, opts tagOpts) encodeFunc {
	if opts != 0 {
		return nil
	}
	switch t {
	case rtStringMap:
		return func(st *encState, v reflect.Value) (types.AttributeValue, error) {
			return encodeStringMap(st, v.Interface().(map[string]string))
		}
	case rtAnyMap:
		return func(st *encState, v reflect.Value) (types.AttributeValue, error) {
			return encodeAnyMap(st, v.Interface().(map[string]any))
		}
	case rtItem:
		return func(st *encState, v reflect.Value) (types.AttributeValue, error) {
			return encodeAnyMap(st, v.Interface().(Item))
		}
	}
	return nil
}

func encodeStringMap(st *encState, m map[string]string) (types.AttributeValue, error) {
	st.reserve(memberCounts{s: len(m)})
	out := make(map[string]types.AttributeValue, len(m))
	for k, s := range m {
		if k == "" {
			return nil, errEmptyKey
		}
		out[k] = st.str(s)
	}
	return st.mapOf(out), nil
}

var errEmptyKey = fmt.Errorf("map key cannot be empty")

func encodeAnyMap[M ~map[string]any](st *encState, m M) (types.AttributeValue, error) {
	if err := st.enter(); err != nil {
		return nil, err
	}
	defer st.leave()
	out := make(map[string]types.AttributeValue, len(m))
	for k, x := range m {
		if k == "" {
			return nil, errEmptyKey
		}
		av, err := encodeAnyValue(st, x)
		if err != nil {
			return nil, fmt.Errorf("key %q: %w", k, err)
		}
		if av != nil {
			out[k] = av
		}
	}
	return st.mapOf(out), nil
}

// encodeAnyValue encodes x, held by an interface without options.
func encodeAnyValue(st *encState, x any) (types.AttributeValue, error) {
	switch x := x.(type) {
	case nil:
		return newNull(), nil
	case string:
		return st.str(x), nil
	}
	v := reflect.ValueOf(x)
	return encoderFor(encKey{t: v.Type(), noAddr: true, after: true})(st, v)
}

// fastMapDecoder returns a decoder into maps of type t that does without
// reflection what slow does, or slow.
func fastMapDecoder(t reflect.Type, slow decodeFunc) decodeFunc {
	switch t {
	case rtStringMap:
		return decodeMapAs[map[string]string](decodeStringText, slow)
	case rtAnyMap:
		return decodeMapAs[map[string]any](decodeAnyElem, slow)
	case rtItem:
		return decodeMapAs[Item](decodeAnyElem, slow)
	}
	return slow
}

// decodeMapAs returns a decoder into an addressable M, whose elements elem
// decodes, or else slow.
func decodeMapAs[M ~map[string]E, E any](elem func(types.AttributeValue, int) (E, error), slow decodeFunc) decodeFunc {
	return func(av types.AttributeValue, v reflect.Value, depth int) error {
		if p, ok := addrAs[M](v); ok {
			return decodeMapInto(av, p, elem, depth)
		}
		return slow(av, v, depth)
	}
}

// decodeMapInto decodes the M av into *p, adding to the map there is.
func decodeMapInto[M ~map[string]E, E any](av types.AttributeValue, p *M, elem func(types.AttributeValue, int) (E, error), depth int) error {
	m, ok := av.(*types.AttributeValueMemberM)
	switch {
	case isNullAV(av):
		*p = nil
		return nil
	case !ok || m == nil:
		return decodeTypeError(av, reflect.TypeFor[M]())
	case depth > maxCodecDepth:
		return errTooDeep
	case *p == nil:
		*p = make(M, len(m.Value))
	}
	for k, eav := range m.Value {
		e, err := elem(eav, depth+1)
		if err != nil {
			return fmt.Errorf("key %q: %w", k, err)
		}
		(*p)[k] = e
	}
	return nil
}

// addrAs returns a pointer to v, if v is an addressable T.
func addrAs[T any](v reflect.Value) (*T, bool) {
	if !v.CanAddr() || !v.CanInterface() {
		return nil, false
	}
	p, ok := v.Addr().Interface().(*T)
	return p, ok
}

func decodeAnyElem(av types.AttributeValue, depth int) (any, error) {
	return decodeAny(av, false, depth)
}

// decodeStringText decodes what the string decoder does: S or N text,
// and NULL as "".
func decodeStringText(av types.AttributeValue, _ int) (string, error) {
	if s, ok := numberTextOf(av, true); ok {
		return s, nil
	}
	if isNullAV(av) {
		return "", nil
	}
	return "", decodeTypeError(av, rtString)
}

// decodeStringList decodes an L into a []string as decodeListInto does.
func decodeStringList(l []types.AttributeValue, v reflect.Value) (bool, error) {
	p, ok := addrAs[[]string](v)
	if !ok {
		return false, nil
	}
	if *p == nil || cap(*p) < len(l) {
		*p = make([]string, 0, len(l))
	}
	if len(l) > 0 {
		*p = (*p)[:len(l)]
	}
	for i, e := range l {
		s, err := decodeStringText(e, 0)
		if err != nil {
			return true, fmt.Errorf("element %d: %w", i, err)
		}
		(*p)[i] = s
	}
	return true, nil
}
