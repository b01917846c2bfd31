package db

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// sdkDo runs f, turning a panic of attributevalue into ok == false.
func sdkDo(f func() error) (err error, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return f(), true
}

// withPointers returns v and a pointer to a copy of it: attributevalue
// finds pointer-receiver Marshalers only in addressable values.
func withPointers(v any) []any {
	p := reflect.New(reflect.TypeOf(v))
	p.Elem().Set(reflect.ValueOf(v))
	return []any{v, p.Interface()}
}

func TestMarshalMatchesAttributeValue(t *testing.T) {
	for _, c := range corpus() {
		for _, v := range withPointers(c) {
			var want types.AttributeValue
			wantErr, ok := sdkDo(func() (err error) { want, err = attributevalue.Marshal(v); return err })
			if !ok {
				t.Logf("attributevalue panics on %T", v)
				continue
			}
			got, err := Marshal(v)
			if (err != nil) != (wantErr != nil) {
				t.Errorf("Marshal(%#v): error %v, attributevalue's %v", v, err, wantErr)
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Marshal(%#v)\n got %s\nwant %s", v, showAV(got), showAV(want))
			}
		}
	}
}

func TestMarshalItemMatchesAttributeValue(t *testing.T) {
	for _, c := range corpus() {
		for _, v := range withPointers(c) {
			want, err, ok := sdkMarshal(v)
			m, isMap := want.(*types.AttributeValueMemberM)
			if err != nil || !ok || !isMap {
				continue
			}
			got, err := MarshalItem(v)
			if err != nil {
				t.Errorf("MarshalItem(%#v): %v", v, err)
			} else if !reflect.DeepEqual(got, m.Value) {
				t.Errorf("MarshalItem(%#v)\n got %s\nwant %s", v, showAV(&types.AttributeValueMemberM{Value: got}), showAV(want))
			}
		}
	}
}

// TestUnmarshalMatchesAttributeValue decodes what each codec encodes each
// corpus value as, into each corpus type, with both codecs: they must
// agree on success, and on the values decoded (with Number and the set
// types where attributevalue gives float64, []string and the like in
// interfaces).
func TestUnmarshalMatchesAttributeValue(t *testing.T) {
	var avs []types.AttributeValue
	for _, c := range corpus() {
		for _, v := range withPointers(c) {
			if av, err := Marshal(v); err == nil {
				avs = append(avs, av)
			}
			if av, err, ok := sdkMarshal(v); err == nil && ok {
				avs = append(avs, av)
			}
		}
	}
	var compared int
	for _, c := range corpus() {
		typ := reflect.TypeOf(c)
		for _, av := range avs {
			compared += compareUnmarshal(t, av, typ)
		}
	}
	t.Logf("compared %d decodings", compared)
}

// TestUnmarshalIntoValues decodes into values that hold something already:
// both codecs must merge into them alike.
func TestUnmarshalIntoValues(t *testing.T) {
	var avs []types.AttributeValue
	for _, c := range corpus() {
		if av, err := Marshal(c); err == nil {
			avs = append(avs, av)
		}
	}
	for i, c := range corpus() {
		for _, av := range avs {
			want, got := reflect.New(reflect.TypeOf(c)), reflect.New(reflect.TypeOf(c))
			want.Elem().Set(reflect.ValueOf(corpus()[i]))
			got.Elem().Set(reflect.ValueOf(corpus()[i]))
			compareUnmarshalInto(t, av, want, got, true)
		}
	}
}

func sdkMarshal(v any) (av types.AttributeValue, err error, ok bool) {
	err, ok = sdkDo(func() (err error) { av, err = attributevalue.Marshal(v); return err })
	return av, err, ok
}

// compareUnmarshal decodes av into a new typ with both codecs and reports
// differences; it returns 1 if it compared them.
func compareUnmarshal(t *testing.T, av types.AttributeValue, typ reflect.Type) int {
	t.Helper()
	return compareUnmarshalInto(t, av, reflect.New(typ), reflect.New(typ), false)
}

// compareUnmarshalInto decodes av into want with attributevalue and into
// got with Unmarshal, and reports differences. normalizeGot says to
// normalize got too, when it held values before.
func compareUnmarshalInto(t *testing.T, av types.AttributeValue, want, got reflect.Value, normalizeGot bool) int {
	t.Helper()
	diff, ok := unmarshalDiff(av, want, got, normalizeGot)
	if diff != "" {
		t.Error(diff)
	}
	if ok {
		return 1
	}
	return 0
}

// unmarshalDiff decodes av into want with attributevalue and into got with
// Unmarshal, and describes how they differ; ok is false if attributevalue
// panics.
func unmarshalDiff(av types.AttributeValue, want, got reflect.Value, normalizeGot bool) (diff string, ok bool) {
	typ := want.Type().Elem()
	err := Unmarshal(av, got.Interface())
	wantErr, ok := sdkUnmarshal(av, want)
	switch {
	case !ok:
		return "", false
	case (err != nil) != (wantErr != nil):
		return fmt.Sprintf("Unmarshal(%s, *%s): error %v, attributevalue's %v", showAV(av), typ, err, wantErr), true
	case err != nil:
		return "", true
	}
	normalize(want.Elem())
	if normalizeGot {
		normalize(got.Elem())
	}
	if !reflect.DeepEqual(got.Elem().Interface(), want.Elem().Interface()) {
		return fmt.Sprintf("Unmarshal(%s, *%s)\n got %#v\nwant %#v", showAV(av), typ, got.Elem().Interface(), want.Elem().Interface()), true
	}
	return "", true
}

// sdkUnmarshal decodes av into out with attributevalue, with UseNumber.
func sdkUnmarshal(av types.AttributeValue, out reflect.Value) (err error, ok bool) {
	return sdkDo(func() error {
		return attributevalue.UnmarshalWithOptions(av, out.Interface(), func(o *attributevalue.DecoderOptions) { o.UseNumber = true })
	})
}

// normalize replaces, in interfaces in v, what attributevalue decodes
// with UseNumber by what Unmarshal decodes.
func normalize(v reflect.Value) {
	switch v.Kind() {
	case reflect.Interface:
		if !v.IsNil() && v.CanSet() && v.NumMethod() == 0 {
			v.Set(reflect.ValueOf(normalAny(v.Elem().Interface())))
		}
	case reflect.Pointer:
		if !v.IsNil() {
			normalize(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			normalize(v.Field(i))
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			normalize(v.Index(i))
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			normalize(e)
			v.SetMapIndex(k, e)
		}
	}
}

func normalAny(x any) any {
	switch x := x.(type) {
	case attributevalue.Number:
		return Number(x)
	case []attributevalue.Number:
		ns := make(NumberSet, len(x))
		for i, n := range x {
			ns[i] = Number(n)
		}
		return ns
	case []string:
		return StringSet(x)
	case [][]byte:
		return BinarySet(x)
	case []any:
		for i := range x {
			x[i] = normalAny(x[i])
		}
	case map[string]any:
		for k := range x {
			x[k] = normalAny(x[k])
		}
	}
	return x
}

// showAV prints an attribute value readably.
func showAV(av types.AttributeValue) string {
	switch x := av.(type) {
	case *types.AttributeValueMemberM:
		if x == nil {
			return "(M)(nil)"
		}
		s := "M{"
		for k, v := range x.Value {
			s += fmt.Sprintf("%q: %s, ", k, showAV(v))
		}
		return s + "}"
	case *types.AttributeValueMemberL:
		if x == nil {
			return "(L)(nil)"
		}
		s := "L["
		for _, v := range x.Value {
			s += showAV(v) + ", "
		}
		return s + "]"
	case nil:
		return "nil"
	}
	if v := reflect.ValueOf(av); !v.IsNil() {
		return fmt.Sprintf("%s%+v", typeOf(av), v.Elem().Field(0).Interface())
	}
	return fmt.Sprintf("(%T)(nil)", av)
}

func TestMarshalUnsupportedKinds(t *testing.T) {
	type withFunc struct{ F func() }
	type skipped struct {
		F func()   `dynamodbav:"-"`
		C chan int `dynamodbav:"-"`
	}
	for _, v := range []any{make(chan int), func() {}, complex64(1), 2i, uintptr(1), withFunc{}, &withFunc{},
		[]any{func() {}}, map[string]any{"c": make(chan int)}, map[[2]int]int{{1, 2}: 3}, map[string]int{"": 1}} {
		if _, err := Marshal(v); err == nil {
			t.Errorf("Marshal(%T) succeeded", v)
		}
	}
	if m, err := MarshalItem(skipped{}); err != nil || len(m) != 0 {
		t.Errorf("MarshalItem(skipped{}) = %v, %v", m, err)
	}
}

// TestMarshalerErrorsPropagate checks that a Marshaler's error fails the
// whole encoding, as it does in attributevalue, wherever the value sits.
func TestMarshalerErrorsPropagate(t *testing.T) {
	type holder struct {
		E cErrMarsh
		L []cErrMarsh
	}
	for _, v := range []any{cErrMarsh{}, holder{}, holder{L: []cErrMarsh{{}}}, map[string]any{"e": cErrMarsh{}}} {
		_, ours := Marshal(v)
		_, theirs := attributevalue.Marshal(v)
		if (ours == nil) != (theirs == nil) {
			t.Errorf("Marshal(%#v): error %v; attributevalue's %v", v, ours, theirs)
		}
	}
	if _, err := Marshal(cErrMarsh{}); err == nil || !strings.Contains(err.Error(), "no") {
		t.Errorf("Marshal(cErrMarsh{}) = %v, want the marshaler's error", err)
	}
}

func TestAttributeValuesPassThrough(t *testing.T) {
	type withAV struct {
		AV  types.AttributeValue
		Any any
		Map map[string]types.AttributeValue
	}
	s := &types.AttributeValueMemberS{Value: "s"}
	null := &types.AttributeValueMemberNULL{Value: true}
	m, err := MarshalItem(withAV{AV: s, Any: null, Map: map[string]types.AttributeValue{"n": null}})
	if err != nil {
		t.Fatal(err)
	}
	if m["AV"] != s || m["Any"] != null || m["Map"].(*types.AttributeValueMemberM).Value["n"] != null {
		t.Errorf("MarshalItem copied attribute values: %s", showAV(&types.AttributeValueMemberM{Value: m}))
	}
	var out withAV
	if err := UnmarshalItem(m, &out); err != nil {
		t.Fatal(err)
	}
	if out.AV != s || out.Any != nil || out.Map["n"] != null {
		t.Errorf("UnmarshalItem gave %#v", out)
	}
}

// TestUnmarshalIntoAnyGivesItemValues checks that interfaces get what
// Table's reads give.
func TestUnmarshalIntoAnyGivesItemValues(t *testing.T) {
	item := map[string]types.AttributeValue{
		"s":  &types.AttributeValueMemberS{Value: "x"},
		"n":  &types.AttributeValueMemberN{Value: "12345678901234567890.5"},
		"b":  &types.AttributeValueMemberB{Value: []byte{1}},
		"t":  &types.AttributeValueMemberBOOL{Value: true},
		"z":  &types.AttributeValueMemberNULL{Value: true},
		"l":  &types.AttributeValueMemberL{Value: []types.AttributeValue{&types.AttributeValueMemberN{Value: "1"}}},
		"m":  &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"ss": &types.AttributeValueMemberSS{Value: []string{"a"}}}},
		"ns": &types.AttributeValueMemberNS{Value: []string{"1", "2"}},
		"bs": &types.AttributeValueMemberBS{Value: [][]byte{{2}}},
	}
	want, err := decodeItem(item)
	if err != nil {
		t.Fatal(err)
	}
	var got Item
	if err := UnmarshalItem(item, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("UnmarshalItem into Item\n got %#v\nwant %#v", got, want)
	}
	typed, err := decodeAs[map[string]any](item)
	if err != nil || !reflect.DeepEqual(Item(typed), want) {
		t.Errorf("decodeAs[map[string]any] = %#v, %v", typed, err)
	}
	var x any
	if err := Unmarshal(item["n"], &x); err != nil || x != Number("12345678901234567890.5") {
		t.Errorf("Unmarshal(N) into any = %#v, %v", x, err)
	}
}

func TestMarshalItemOfNonItems(t *testing.T) {
	for _, v := range []any{nil, (*cInner)(nil), map[string]int(nil), Item(nil)} {
		if m, err := MarshalItem(v); err != nil || m == nil || len(m) != 0 {
			t.Errorf("MarshalItem(%#v) = %v, %v; want an empty item", v, m, err)
		}
	}
	for _, v := range []any{"x", 1, []string{"a"}, time.Now(), StringSet{"a"}} {
		if _, err := MarshalItem(v); err == nil {
			t.Errorf("MarshalItem(%#v) succeeded", v)
		}
	}
}

func TestUnmarshalNeedsPointer(t *testing.T) {
	av := &types.AttributeValueMemberS{Value: "x"}
	for _, out := range []any{nil, "x", (*string)(nil), cInner{}} {
		if err := Unmarshal(av, out); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("Unmarshal into %#v: %v", out, err)
		}
		if err := UnmarshalItem(nil, out); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("UnmarshalItem into %#v: %v", out, err)
		}
	}
}

type selfPtr *selfPtr

func TestCyclesFail(t *testing.T) {
	n := &cNode{V: 1}
	n.Next = n
	if _, err := Marshal(n); err == nil {
		t.Error("Marshal of a cycle succeeded")
	}
	var p selfPtr
	p = &p
	if _, err := Marshal(p); err == nil {
		t.Error("Marshal of a pointer to itself succeeded")
	}
	m := &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{}}
	m.Value["Next"] = m
	for _, out := range []any{new(any), new(cNode), new(map[string]any), new(selfPtr)} {
		if err := Unmarshal(m, out); err == nil {
			t.Errorf("Unmarshal of a cycle into %T succeeded", out)
		}
	}
	var x any
	x = &x
	if err := Unmarshal(&types.AttributeValueMemberS{Value: "s"}, &x); err != nil || x != "s" {
		t.Errorf("Unmarshal into an interface holding its own address: %v, %#v", err, x)
	}
}

func TestUnexportedEmbedded(t *testing.T) {
	m, err := MarshalItem(cEmbedNonStruct{"a", 1, cMyStrings{"b"}, "own"})
	if err != nil || len(m) != 1 || m["Own"] == nil {
		t.Errorf("MarshalItem = %s, %v; want only Own", showAV(&types.AttributeValueMemberM{Value: m}), err)
	}
	var out cHiddenTagged
	item := map[string]types.AttributeValue{"hp": &types.AttributeValueMemberM{}}
	if err := UnmarshalItem(item, &out); err == nil {
		t.Error("UnmarshalItem set a nil pointer to an unexported type")
	}
}

func TestDecodeAllAs(t *testing.T) {
	items := []map[string]types.AttributeValue{
		{"A": &types.AttributeValueMemberS{Value: "a"}},
		{"B": &types.AttributeValueMemberN{Value: "2"}},
	}
	got, err := decodeAllAs[cInner](items)
	if want := []cInner{{A: "a"}, {B: 2}}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("decodeAllAs = %v, %v; want %v", got, err, want)
	}
	items = append(items, map[string]types.AttributeValue{"B": &types.AttributeValueMemberS{Value: "x"}})
	if _, err := decodeAllAs[cInner](items); err == nil || !strings.Contains(err.Error(), "item 2") {
		t.Errorf("decodeAllAs of a bad item: %v", err)
	}
	one, err := decodeAs[*cInner](items[0])
	if err != nil || one == nil || one.A != "a" {
		t.Errorf("decodeAs[*cInner] = %v, %v", one, err)
	}
}
