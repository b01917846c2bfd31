package db

import (
	"fmt"
	"reflect"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// structEncoder encodes a struct type as an M.
type structEncoder struct {
	t      reflect.Type
	noAddr bool
	once   sync.Once
	fields []encField
	count  memberCounts // members of one encoding but its own M, nested structs included
	lists  []listField  // fields that are lists or maps
}

// listField is a field that is a list or a map, whose elements each make
// about per members.
type listField struct {
	index []int
	per   memberCounts
}

// encField is an attribute of a struct and how to encode it.
type encField struct {
	name  string
	index []int
	enc   encodeFunc
}

type structKey struct {
	t      reflect.Type
	noAddr bool
}

var structEncoderCache sync.Map // structKey → *structEncoder

// structEncoderFor returns the encoder of struct type t; it compiles on
// first use, so that recursive types can refer to it while it compiles.
func structEncoderFor(t reflect.Type, noAddr bool) *structEncoder {
	return cached(&structEncoderCache, structKey{t, noAddr}, func(k structKey) *structEncoder {
		return &structEncoder{t: k.t, noAddr: k.noAddr}
	})
}

func (se *structEncoder) compile() {
	fields := structFields(se.t)
	se.fields = make([]encField, len(fields))
	se.count = memberCounts{}
	for i, f := range fields {
		k := encKey{t: f.typ, opts: f.opts, noAddr: se.noAddr}
		se.fields[i] = encField{name: f.name, index: f.index, enc: encoderFor(k)}
		se.count.add(countMembers(f.typ, f.opts, 0), 1)
		if per, ok := elemMembers(f.typ, f.opts); ok {
			se.lists = append(se.lists, listField{f.index, per})
		}
	}
}

// elemMembers returns the members that each element of a list or map
// field of type t makes.
func elemMembers(t reflect.Type, opts tagOpts) (memberCounts, bool) {
	switch t.Kind() {
	case reflect.Slice, reflect.Array, reflect.Map:
		if !reflect.PointerTo(t).Implements(rtMarshaler) && t.Elem().Kind() != reflect.Uint8 {
			return countMembers(t.Elem(), opts.elem(), 1), true
		}
	}
	return memberCounts{}, false
}

// listMembers returns the members that encoding v makes, the elements of
// its list and map fields included.
func (se *structEncoder) listMembers(v reflect.Value) memberCounts {
	c := se.count
	for i := range se.lists {
		if fv, ok := fieldToRead(v, se.lists[i].index); ok {
			c.add(se.lists[i].per, fv.Len())
		}
	}
	return c
}

func (se *structEncoder) encode(st *encState, v reflect.Value) (types.AttributeValue, error) {
	m, err := se.encodeMap(st, v)
	switch {
	case err != nil:
		return nil, err
	case st.depth == 0:
		return &types.AttributeValueMemberM{Value: m}, nil
	}
	return st.mapOf(m), nil
}

// encodeMap encodes the struct v as the attributes of an item.
func (se *structEncoder) encodeMap(st *encState, v reflect.Value) (map[string]types.AttributeValue, error) {
	se.once.Do(se.compile)
	if err := st.enter(); err != nil {
		return nil, err
	}
	defer st.leave()
	if st.depth == 1 {
		st.reserve(se.listMembers(v))
	} else {
		st.reserve(se.count)
	}
	out := make(map[string]types.AttributeValue, len(se.fields))
	for i := range se.fields {
		f := &se.fields[i]
		fv, ok := fieldToRead(v, f.index)
		if !ok {
			continue
		}
		av, err := f.enc(st, fv)
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", f.name, err)
		}
		if av != nil {
			out[f.name] = av
		}
	}
	return out, nil
}

// fieldToRead returns the field of v at index, or false if it is in an
// embeddedStruct struct through a nil pointer.
func fieldToRead(v reflect.Value, index []int) (reflect.Value, bool) {
	if len(index) == 1 {
		return v.Field(index[0]), true
	}
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, true
}

// countMembers estimates the member structs that encoding a value of type
// t makes, not counting elements of lists and maps (their encoderCache
// reserve them).
func countMembers(t reflect.Type, opts tagOpts, depth int) memberCounts {
	if depth > 8 || reflect.PointerTo(t).Implements(rtMarshaler) {
		return memberCounts{}
	}
	switch t.Kind() {
	case reflect.String:
		if t.Implements(rtNumberer) && !opts.has(tagString) {
			return memberCounts{n: 1}
		}
		return memberCounts{s: 1}
	case reflect.Bool:
		return memberCounts{b: 1}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		if opts.has(tagString) {
			return memberCounts{s: 1}
		}
		return memberCounts{n: 1}
	case reflect.Map:
		return memberCounts{m: 1}
	case reflect.Slice, reflect.Array:
		return memberCounts{l: 1}
	case reflect.Struct:
		return countStruct(t, opts, depth)
	}
	return memberCounts{}
}

func countStruct(t reflect.Type, opts tagOpts, depth int) memberCounts {
	switch {
	case t.ConvertibleTo(rtTime) && opts.has(tagUnixTime):
		return memberCounts{n: 1}
	case t.ConvertibleTo(rtTime):
		return memberCounts{s: 1}
	}
	c := memberCounts{m: 1}
	for _, f := range structFields(t) {
		c.add(countMembers(f.typ, f.opts, depth+1), 1)
	}
	return c
}
