package db

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// avReader builds attribute values from fuzz bytes.
type avReader struct{ b []byte }

func (r *avReader) next() int {
	if len(r.b) == 0 {
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return int(c)
}

// Texts that mean something to some decoder: field names, numbers, times.
var fuzzTexts = []string{
	"", "a", "A", "x", "S", "I", "U8", "F32", "B", "Bs", "Arr", "V", "Next", "Kids", "E", "f", "exp",
	"T", "P", "Mine", "N", "NS", "SS", "BS", "It", "Ints", "Strs", "Anys", "Ptrs", "named", "renamed",
	"Unix", "AsString", "Any", "PM", "Set", "L", "Map", "hp", "h", "X",
	"0", "1", "-1", "1.5", "1e3", "300", "-129", "65536", "18446744073709551616", "1e400", "0x10",
	"2024-05-17T10:11:12Z", "2024-05-17T10:11:12.5+01:00", "m:v", "true", "a|b", "<x>",
}

func (r *avReader) text() string {
	if n := r.next(); n < 200 {
		return fuzzTexts[n%len(fuzzTexts)]
	}
	n := r.next() % 8
	s := string(r.b[:min(n, len(r.b))])
	r.b = r.b[min(n, len(r.b)):]
	return s
}

func (r *avReader) texts() []string {
	out := make([]string, r.next()%4)
	for i := range out {
		out[i] = r.text()
	}
	return out
}

func (r *avReader) bytes() []byte {
	if r.next()%5 == 0 {
		return nil
	}
	return []byte(r.text())
}

func (r *avReader) av(depth int) types.AttributeValue {
	if depth > 6 {
		return &types.AttributeValueMemberNULL{Value: true}
	}
	switch r.next() % 13 {
	case 0:
		return &types.AttributeValueMemberS{Value: r.text()}
	case 1:
		return &types.AttributeValueMemberN{Value: r.text()}
	case 2:
		return &types.AttributeValueMemberB{Value: r.bytes()}
	case 3:
		return &types.AttributeValueMemberBOOL{Value: r.next()%2 == 0}
	case 4:
		return &types.AttributeValueMemberNULL{Value: r.next()%2 == 0}
	case 5:
		l := make([]types.AttributeValue, r.next()%4)
		for i := range l {
			l[i] = r.av(depth + 1)
		}
		return &types.AttributeValueMemberL{Value: l}
	case 6:
		return &types.AttributeValueMemberM{Value: r.item(depth + 1)}
	case 7:
		return &types.AttributeValueMemberSS{Value: r.texts()}
	case 8:
		return &types.AttributeValueMemberNS{Value: r.texts()}
	case 9:
		bs := make([][]byte, r.next()%3)
		for i := range bs {
			bs[i] = r.bytes()
		}
		return &types.AttributeValueMemberBS{Value: bs}
	case 10:
		return nil
	case 11:
		return typedNil(r.next())
	}
	return &types.UnknownUnionMember{Tag: "X"}
}

func (r *avReader) item(depth int) map[string]types.AttributeValue {
	if r.next()%7 == 0 {
		return nil
	}
	m := map[string]types.AttributeValue{}
	for range r.next() % 5 {
		m[r.text()] = r.av(depth)
	}
	return m
}

// typedNil returns a nil pointer to a member type.
func typedNil(n int) types.AttributeValue {
	nils := []types.AttributeValue{
		(*types.AttributeValueMemberS)(nil), (*types.AttributeValueMemberN)(nil), (*types.AttributeValueMemberB)(nil),
		(*types.AttributeValueMemberBOOL)(nil), (*types.AttributeValueMemberNULL)(nil), (*types.AttributeValueMemberL)(nil),
		(*types.AttributeValueMemberM)(nil), (*types.AttributeValueMemberSS)(nil), (*types.AttributeValueMemberNS)(nil),
		(*types.AttributeValueMemberBS)(nil),
	}
	return nils[n%len(nils)]
}

// fuzzTargets are the types that the fuzz tests decode into.
var fuzzTargets = []reflect.Type{
	reflect.TypeFor[any](), reflect.TypeFor[Item](), reflect.TypeFor[cBasic](), reflect.TypeFor[cTags](),
	reflect.TypeFor[cEmbed](), reflect.TypeFor[cEmbedPtr](), reflect.TypeFor[cEmbedTagged](), reflect.TypeFor[cMarshalers](),
	reflect.TypeFor[cMaps](), reflect.TypeFor[cSlices](), reflect.TypeFor[cPtrs](), reflect.TypeFor[cIfaces](),
	reflect.TypeFor[cTimes](), reflect.TypeFor[cOwn](), reflect.TypeFor[cNode](), reflect.TypeFor[cDeep](),
	reflect.TypeFor[cHiddenTagged](), reflect.TypeFor[[]int](), reflect.TypeFor[[2]string](), reflect.TypeFor[map[int]string](),
	reflect.TypeFor[map[cText]any](), reflect.TypeFor[string](), reflect.TypeFor[*int8](), reflect.TypeFor[time.Time](),
	reflect.TypeFor[[4]byte](), reflect.TypeFor[[]byte](), reflect.TypeFor[StringSet](), reflect.TypeFor[[]cPtrMarsh](),
	reflect.TypeFor[types.AttributeValue](), reflect.TypeFor[map[string]types.AttributeValue](),
}

// FuzzUnmarshal decodes arbitrary attribute values into many types: it
// must never panic, and where attributevalue neither panics nor depends
// on map order, it must agree with it.
func FuzzUnmarshal(f *testing.F) {
	for _, c := range corpus() {
		f.Add(fuzzSeed(c))
	}
	f.Add([]byte{6, 3, 1, 0, 13, 4, 0, 1, 3, 12, 7, 3, 0, 1, 2})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &avReader{b: data}
		av := r.av(0)
		item := r.item(0)
		for _, typ := range fuzzTargets {
			diff, _ := unmarshalDiff(av, reflect.New(typ), reflect.New(typ), false)
			if diff != "" && !foldCollision(av) && !isAV(typ) && sdkDeterministic(av, typ) {
				t.Error(diff)
			}
			_ = UnmarshalItem(item, reflect.New(typ).Interface())
		}
	})
}

// sdkDeterministic says whether attributevalue decodes av into a typ alike
// several times: with keys that decode alike, results depend on map order.
func sdkDeterministic(av types.AttributeValue, typ reflect.Type) bool {
	first := reflect.New(typ)
	firstErr, _ := sdkUnmarshal(av, first)
	for range 64 {
		again := reflect.New(typ)
		err, _ := sdkUnmarshal(av, again)
		if (err != nil) != (firstErr != nil) || !reflect.DeepEqual(again.Interface(), first.Interface()) {
			return false
		}
	}
	return true
}

func isAV(t reflect.Type) bool {
	return t == rtAttributeValue || t.Kind() == reflect.Map && t.Elem() == rtAttributeValue
}

// fuzzSeed returns bytes that avReader reads as something like the
// encoding of v: the tags of its attribute values, in order.
func fuzzSeed(v any) []byte {
	av, err := Marshal(v)
	if err != nil {
		return nil
	}
	var b []byte
	var walk func(types.AttributeValue)
	walk = func(av types.AttributeValue) {
		switch x := av.(type) {
		case *types.AttributeValueMemberM:
			b = append(b, 6, 1, byte(len(x.Value)))
			for k, e := range x.Value {
				b = append(b, byte(indexOf(fuzzTexts, k)))
				walk(e)
			}
		case *types.AttributeValueMemberL:
			b = append(b, 5, byte(len(x.Value)))
			for _, e := range x.Value {
				walk(e)
			}
		case *types.AttributeValueMemberS:
			b = append(b, 0, byte(indexOf(fuzzTexts, x.Value)))
		case *types.AttributeValueMemberN:
			b = append(b, 1, byte(indexOf(fuzzTexts, x.Value)))
		default:
			b = append(b, 4, 0)
		}
	}
	walk(av)
	return b
}

func indexOf(texts []string, s string) int {
	for i, t := range texts {
		if t == s {
			return i
		}
	}
	return 1
}

// foldCollision says whether a map in av has two keys that are equal
// regardless of case: attributevalue decodes both into one field, in
// map order.
func foldCollision(av types.AttributeValue) bool {
	switch x := av.(type) {
	case *types.AttributeValueMemberM:
		if x == nil {
			return false
		}
		seen := map[string]bool{}
		for k, e := range x.Value {
			if seen[strings.ToLower(k)] || foldCollision(e) {
				return true
			}
			seen[strings.ToLower(k)] = true
		}
	case *types.AttributeValueMemberL:
		if x == nil {
			return false
		}
		for _, e := range x.Value {
			if foldCollision(e) {
				return true
			}
		}
	}
	return false
}
