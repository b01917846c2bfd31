package db

import (
	"fmt"
	"reflect"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// structDecoder decodes an M into a struct type.
type structDecoder struct {
	t      reflect.Type
	noAddr bool
	once   sync.Once
	fields []decField
	byName map[string]int
}

// decField is an attribute of a struct and how to decode it.
type decField struct {
	name  string
	index []int
	dec   decodeFunc
}

var structDecoderCache sync.Map // structKey → *structDecoder

// structDecoderFor returns the decoder of struct type t; it compiles on
// first use, so that recursive types can refer to it while it compiles.
func structDecoderFor(t reflect.Type, noAddr bool) *structDecoder {
	return cached(&structDecoderCache, structKey{t, noAddr}, func(k structKey) *structDecoder {
		return &structDecoder{t: k.t, noAddr: k.noAddr}
	})
}

func (sd *structDecoder) compile() {
	fields := structFields(sd.t)
	sd.fields = make([]decField, len(fields))
	sd.byName = make(map[string]int, len(fields))
	for i, f := range fields {
		k := decKey{t: f.typ, asString: f.opts.has(tagString), noAddr: sd.noAddr}
		sd.fields[i] = decField{name: f.name, index: f.index, dec: decoderFor(k)}
		sd.byName[f.name] = i
	}
}

func (sd *structDecoder) decode(av types.AttributeValue, v reflect.Value, depth int) error {
	m, ok := av.(*types.AttributeValueMemberM)
	if !ok || m == nil {
		return decodeOther(av, v)
	}
	return sd.decodeMap(m.Value, v, depth)
}

// decodeMap decodes the attributes of an item into the struct v. Names
// match fields exactly, or else regardless of case, as in attributevalue;
// fields without an attribute stay as they are.
func (sd *structDecoder) decodeMap(m map[string]types.AttributeValue, v reflect.Value, depth int) error {
	sd.once.Do(sd.compile)
	if depth > maxCodecDepth {
		return errTooDeep
	}
	found := 0
	for i := range sd.fields {
		if av, ok := m[sd.fields[i].name]; ok {
			found++
			if err := sd.decodeField(i, av, v, depth); err != nil {
				return err
			}
		}
	}
	if found == len(m) {
		return nil
	}
	for name, av := range m {
		if _, exact := sd.byName[name]; exact {
			continue
		}
		if i := sd.fold(name); i >= 0 {
			if err := sd.decodeField(i, av, v, depth); err != nil {
				return err
			}
		}
	}
	return nil
}

// fold returns the first field whose name equals name regardless of case,
// or -1.
func (sd *structDecoder) fold(name string) int {
	for i := range sd.fields {
		if strings.EqualFold(sd.fields[i].name, name) {
			return i
		}
	}
	return -1
}

func (sd *structDecoder) decodeField(i int, av types.AttributeValue, v reflect.Value, depth int) error {
	f := &sd.fields[i]
	fv, err := fieldToSet(v, f.index)
	if err == nil {
		err = f.dec(av, fv, depth+1)
	}
	if err != nil {
		return fmt.Errorf("field %s: %w", f.name, err)
	}
	return nil
}

// fieldToSet returns the field of v at index, allocating the embeddedStruct
// structs on the way that are nil pointers.
func fieldToSet(v reflect.Value, index []int) (reflect.Value, error) {
	if len(index) == 1 {
		return v.Field(index[0]), nil
	}
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				if !v.CanSet() {
					return reflect.Value{}, fmt.Errorf("cannot set embeddedStruct %s, a pointer to an unexported type", v.Type())
				}
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, nil
}
