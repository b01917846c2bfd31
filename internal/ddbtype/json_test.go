package ddbtype

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestUnmarshalJSON(t *testing.T) {
	tests := []struct {
		in   string
		want Value
	}{
		{`{"S":"x"}`, String("x")},
		{` { "S" : "" } `, String("")},
		{`{"S":"a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"}`, String("a\"\\/\b\f\n\r\té\U0001f600")},
		{`{"S":"\ud800x"}`, String("\ufffdx")},
		{`{"S":"\udc00\ud800"}`, String("\ufffd\ufffd")},
		{"{\"S\":\"\xff\"}", String("\ufffd")},
		{`{"S":"é"}`, String("é")},
		{`{"N":"1.50"}`, MustNumber("1.5")},
		{`{"N":"-0"}`, MustNumber("0")},
		{`{"N":"1E2"}`, MustNumber("100")},
		{`{"B":"AQID"}`, Binary([]byte{1, 2, 3})},
		{`{"B":""}`, Binary([]byte{})},
		{`{"B":"AQ=="}`, Binary([]byte{1})},
		{`{"BOOL":true}`, Bool(true)},
		{`{"BOOL":false}`, Bool(false)},
		{`{"BOOL":"yes"}`, Bool(true)},
		{`{"BOOL":"True"}`, Bool(true)},
		{`{"BOOL":"1"}`, Bool(true)},
		{`{"BOOL":"0"}`, Bool(false)},
		{`{"BOOL":"NO"}`, Bool(false)},
		{`{"NULL":true}`, Null()},
		{`{"NULL":"true"}`, Null()},
		{`{"L":[]}`, List()},
		{`{"L":[{"S":"a"},{"N":"01"}]}`, List(String("a"), MustNumber("1"))},
		{`{"M":{}}`, Map(nil)},
		{`{"M":{"a":{"NULL":true},"b":{"L":[{"M":{}}]}}}`, Map(map[string]Value{"a": Null(), "b": List(Map(nil))})},
		{`{"M":{"a":{"S":"1"},"a":{"S":"2"}}}`, Map(map[string]Value{"a": String("2")})},
		{`{"M":{"a":null,"a":{"S":"2"}}}`, Map(map[string]Value{"a": String("2")})},
		{`{"M":{"a":{"N":"x"},"b":{"S":"1"},"a":{"S":"2"}}}`, Map(map[string]Value{"a": String("2"), "b": String("1")})},
		{`{"SS":["a","b"]}`, StringSet("a", "b")},
		{`{"SS":[""]}`, StringSet("")},
		{`{"NS":["1","1.50","-0.0"]}`, Value{Type: TypeNS, SS: []string{"0", "1", "1.5"}}},
		{`{"BS":["AQ==","Ag=="]}`, BinarySet([]byte{1}, []byte{2})},
		{`{"S":"x","foo":[1,{"a":null},"s",true,false,null,-1.5e+3]}`, String("x")},
		{`{"S":null,"N":"1"}`, MustNumber("1")},
		{`{"S":"a","S":"b"}`, String("b")},
		{`{"s":"a","N":"1"}`, MustNumber("1")},
		{`{"S":"a","N":"1","S":null}`, MustNumber("1")},
		{`{"N":"x","N":null,"S":"a"}`, String("a")},
	}
	for _, tt := range tests {
		var v Value
		if err := json.Unmarshal([]byte(tt.in), &v); err != nil {
			t.Errorf("Unmarshal(%s): %v", tt.in, err)
			continue
		}
		if !strictEqual(v, tt.want) {
			t.Errorf("Unmarshal(%s) = %v; want %v", tt.in, v, tt.want)
		}
	}
}

func TestUnmarshalJSONNull(t *testing.T) {
	v := String("keep")
	if err := v.UnmarshalJSON([]byte(" null ")); err != nil || v.S != "keep" {
		t.Errorf("UnmarshalJSON(null) = %v, %v", v, err)
	}
	it := Item{"a": Null()}
	if err := it.UnmarshalJSON([]byte("null")); err != nil || len(it) != 1 {
		t.Errorf("Item.UnmarshalJSON(null) = %v, %v", it, err)
	}
	if err := v.UnmarshalJSON([]byte(`{"S":1}`)); err == nil || v.S != "keep" {
		t.Errorf("failed UnmarshalJSON changed the value: %v", v)
	}
}

// deep returns n levels of nested lists around a string.
func deep(n int) string {
	return strings.Repeat(`{"L":[`, n-1) + `{"S":"x"}` + strings.Repeat(`]}`, n-1)
}

func TestUnmarshalJSONValidation(t *testing.T) {
	const notNum = "The parameter cannot be converted to a numeric value"
	tests := []struct{ in, want string }{
		{`{}`, msgEmptyAV},
		{`{"foo":"x"}`, msgEmptyAV},
		{`{"S":null}`, msgEmptyAV},
		{`{"S":"a","N":"1"}`, msgMultipleAV},
		{`{"S":"a","NULL":true,"BOOL":false}`, msgMultipleAV},
		{`{"S":"","N":""}`, notNum},
		{`{"S":"a","N":"b"}`, notNum + ": b"},
		{`{"N":""}`, notNum},
		{`{"N":"b"}`, notNum + ": b"},
		{`{"N":" 1"}`, notNum + ":  1"},
		{`{"N":"1e126"}`, msgOverflow},
		{`{"N":"1e-131"}`, msgUnderflow},
		{`{"N":"123456789012345678901234567890123456789"}`, msgTooManyDigits},
		{`{"NULL":false}`, "One or more parameter values were invalid: Null attribute value types must have the value of true"},
		{`{"NULL":"no"}`, msgNullFalse},
		{`{"NULL":false,"S":"x"}`, msgNullFalse},
		{`{"NULL":false,"S":"x","NULL":true}`, msgMultipleAV},
		{`{"N":"x","S":"a","N":"y"}`, notNum + ": y"},
		{`{"N":"x","S":"a","N":"2"}`, msgMultipleAV},
		{`{"S":"a","N":"x","SS":[]}`, notNum + ": x"},
		{`{"SS":[],"N":"x","SS":["a"],"NS":[]}`, notNum + ": x"},
		{`{"SS":[]}`, "One or more parameter values were invalid: An string set  may not be empty"},
		{`{"NS":[]}`, "One or more parameter values were invalid: An number set  may not be empty"},
		{`{"BS":[]}`, "One or more parameter values were invalid: Binary sets should not be empty"},
		{`{"SS":["a","a"]}`, "One or more parameter values were invalid: Input collection [a, a] contains duplicates."},
		{`{"SS":["a","b","a"]}`, "One or more parameter values were invalid: Input collection [a, b, a] contains duplicates."},
		{`{"NS":["1","1"]}`, "Input collection contains duplicates"},
		{`{"NS":["1","1.0"]}`, msgDupNS},
		{`{"NS":["1","b"]}`, notNum + ": b"},
		{`{"NS":["1",""]}`, notNum},
		{`{"NS":["1",null]}`, notNum},
		{`{"NS":["1","1","b"]}`, notNum + ": b"},
		{`{"BS":["Yg==","Yg=="]}`, "One or more parameter values were invalid: Input collection [Yg==, Yg==]of type BS contains duplicates."},
		{`{"M":{"a":{}}}`, msgEmptyAV},
		{`{"L":[{}]}`, msgEmptyAV},
		{`{"L":[{"a":{}}]}`, msgEmptyAV},
		{`{"L":[null]}`, msgEmptyAV},
		{`{"M":{"a":null}}`, msgEmptyAV},
		{`{"L":[{}],"M":{"a":{"N":"x"}}}`, msgEmptyAV},
		{`{"M":{"a":{"N":"x"}},"L":[{}]}`, notNum + ": x"},
		{`{"M":{"a":{"SS":[]}}}`, msgEmptySS},
		{`{"M":{"a":{"SS":[]},"b":{"N":"x"},"a":{"NS":[]}}}`, notNum + ": x"},
		{`{"M":{"a":{"SS":[]},"b":{"N":"x"},"a":{"S":""}}}`, notNum + ": x"},
		{deep(33), "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit"},
	}
	for _, tt := range tests {
		var v Value
		err := json.Unmarshal([]byte(tt.in), &v)
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Message != tt.want || ve.Exception() != "ValidationException" {
			t.Errorf("Unmarshal(%.60s) error = %v; want ValidationError %q", tt.in, err, tt.want)
		}
	}
	var v Value
	if err := json.Unmarshal([]byte(deep(32)), &v); err != nil {
		t.Errorf("32 levels: %v", err)
	}
}

func TestUnmarshalJSONSerialization(t *testing.T) {
	const (
		avColl   = "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue"
		mapColl  = "Unrecognized collection type java.util.Map<java.lang.String, com.amazonaws.dynamodb.v20120810.AttributeValue>"
		startMap = "Start of structure or map found where not expected"
	)
	tests := []struct{ in, want string }{
		{`"x"`, "Unexpected value type in payload"},
		{`1`, msgValueType},
		{`true`, msgValueType},
		{`[]`, avColl},
		{`{"S":1}`, "NUMBER_VALUE cannot be converted to String"},
		{`{"S":-2147483648}`, "NUMBER_VALUE cannot be converted to String"},
		{`{"S":2147483648}`, "NUMBER_VALUE cannot be converted to String"},
		{`{"S":34.56}`, "DECIMAL_VALUE cannot be converted to String"},
		{`{"S":1e5}`, "DECIMAL_VALUE cannot be converted to String"},
		{`{"S":true}`, "TRUE_VALUE cannot be converted to String"},
		{`{"S":false}`, "FALSE_VALUE cannot be converted to String"},
		{`{"S":[]}`, "Unrecognized collection type class java.lang.String"},
		{`{"S":{}}`, startMap},
		{`{"N":123}`, "NUMBER_VALUE cannot be converted to String"},
		{`{"B":true}`, "only base-64-encoded strings are convertible to bytes"},
		{`{"B":23}`, msgNotBase64},
		{`{"B":34.56}`, msgNotBase64},
		{`{"B":[]}`, "Unrecognized collection type class java.nio.ByteBuffer"},
		{`{"B":{}}`, startMap},
		{`{"B":"23456"}`, "Base64 encoded length is expected a multiple of 4 bytes but found: 5"},
		{`{"B":"AQI"}`, "Base64 encoded length is expected a multiple of 4 bytes but found: 3"},
		{`{"B":"AQIDé"}`, msgBase64Length + "5"},
		{`{"B":"=+/="}`, "Invalid last non-pad Base64 character dectected"},
		{`{"B":"+/+="}`, msgBase64Last},
		{`{"B":"AQ=!"}`, msgBase64Last},
		{`{"B":"\r\r\n\nAQID"}`, msgBase64Last},
		{`{"B":"AQID\n\n\n\n"}`, msgBase64Last},
		{`{"BOOL":23}`, "NUMBER_VALUE cannot be converted to Boolean"},
		{`{"BOOL":34.56}`, "DECIMAL_VALUE cannot be converted to Boolean"},
		{`{"BOOL":"23"}`, "Unexpected token received from parser"},
		{`{"BOOL":[]}`, "Unrecognized collection type class java.lang.Boolean"},
		{`{"BOOL":{}}`, startMap},
		{`{"NULL":23}`, "NUMBER_VALUE cannot be converted to Boolean"},
		{`{"NULL":"maybe"}`, msgBadBoolean},
		{`{"SS":"23"}`, "Unexpected field type"},
		{`{"SS":true}`, msgFieldType},
		{`{"SS":23}`, msgFieldType},
		{`{"SS":{}}`, startMap},
		{`{"SS":[1]}`, "NUMBER_VALUE cannot be converted to String"},
		{`{"SS":[[]]}`, "Unrecognized collection type class java.lang.String"},
		{`{"SS":["a",null]}`, msgNullSetElement},
		{`{"BS":[null]}`, msgNullSetElement},
		{`{"NS":[true]}`, "TRUE_VALUE cannot be converted to String"},
		{`{"BS":[1]}`, msgNotBase64},
		{`{"BS":["AQ"]}`, msgBase64Length + "2"},
		{`{"L":"23"}`, msgFieldType},
		{`{"L":{}}`, startMap},
		{`{"L":["23"]}`, msgValueType},
		{`{"L":[1]}`, msgValueType},
		{`{"L":[[]]}`, avColl},
		{`{"M":"23"}`, msgFieldType},
		{`{"M":true}`, msgFieldType},
		{`{"M":[]}`, mapColl},
		{`{"M":{"a":"23"}}`, msgValueType},
		{`{"M":{"a":[]}}`, avColl},
		// Serialization errors win over earlier validation errors.
		{`{"N":"x","S":1}`, "NUMBER_VALUE cannot be converted to String"},
		{`{"L":[{},{"S":1}]}`, "NUMBER_VALUE cannot be converted to String"},
	}
	for _, tt := range tests {
		var v Value
		err := v.UnmarshalJSON([]byte(tt.in))
		var se *SerializationError
		if !errors.As(err, &se) || se.Message != tt.want || se.Exception() != "SerializationException" {
			t.Errorf("UnmarshalJSON(%s) error = %v; want SerializationError %q", tt.in, err, tt.want)
		}
	}
}

func TestUnmarshalJSONSyntax(t *testing.T) {
	for _, in := range []string{
		"", " ", "{", `{"S"`, `{"S":`, `{"S":"x"`, `{"S":"x"}x`, `{"S" "x"}`, `{"S":"x",}`,
		`{'S':1}`, "{\"S\":\"\x01\"}", `{"S":"\q"}`, `{"S":"\u12"}`, `{"S":"\u12g4"}`, `{"S":"x\`,
		`{"S":tru}`, `{"S":fals}`, `{"S":nul}`, `{"S":01}`, `{"S":-}`, `{"S":1.}`, `{"S":1e}`, `{"S":+1}`,
		`{"x":[1,]}`, `{"x":[1 2]}`, `{"x":{"a" 1}}`, `{"x":{"a":1,}}`, `{"x":@}`, `{"L":[`, `{"L":[{"S":"a"}`,
		`{"L":[{"S":"a"}x`, `{"M":{"a":{"S":"x"}x`, `{1:2}`, `x`,
		strings.Repeat("[", 2000), `{"x":` + strings.Repeat("[", 2000) + strings.Repeat("]", 2000) + `}`,
	} {
		var v Value
		err := v.UnmarshalJSON([]byte(in))
		var se *SerializationError
		if !errors.As(err, &se) {
			t.Errorf("UnmarshalJSON(%.40q) error = %v; want SerializationError", in, err)
		}
	}
}

func TestItemUnmarshalJSON(t *testing.T) {
	var it Item
	err := json.Unmarshal([]byte(`{"a":{"S":"x"},"b":{"N":"01"},"b":{"N":"02"},"c":{"L":[]}}`), &it)
	want := Item{"a": String("x"), "b": MustNumber("2"), "c": List()}
	if err != nil || !strictEqual(Map(it), Map(want)) {
		t.Errorf("Item = %v, %v", it, err)
	}
	if err := it.UnmarshalJSON([]byte(`{}`)); err != nil || len(it) != 0 || it == nil {
		t.Errorf("empty item = %#v, %v", it, err)
	}
	errs := []struct{ in, want string }{
		{`[]`, msgMapCollection},
		{`"x"`, msgFieldType},
		{`1`, msgFieldType},
		{`true`, msgFieldType},
		{`{"a":"x"}`, msgValueType},
		{`{"a":[]}`, msgAVCollection},
		{`{"a":null}`, msgEmptyAV},
		{`{"a":{"N":"x"},"b":{"S":1}}`, "NUMBER_VALUE cannot be converted to String"},
		{`{"a":` + deep(33) + `}`, msgNesting},
		{``, "Unexpected end of JSON input"},
		{`{"a":{"S":"x"}}}`, `Invalid JSON: unexpected character '}' at offset 15`},
	}
	for _, tt := range errs {
		var it Item
		err := it.UnmarshalJSON([]byte(tt.in))
		if err == nil || err.Error() != tt.want || it != nil {
			t.Errorf("Item.UnmarshalJSON(%.40s) = %v, %v; want %q", tt.in, it, err, tt.want)
		}
	}
}

func TestAppendJSON(t *testing.T) {
	tests := []struct {
		v    Value
		want string
	}{
		{Value{}, `{}`},
		{Value{Type: 99}, `{}`},
		{String("x"), `{"S":"x"}`},
		{String("a\"\\/\b\f\n\r\t\x01\x1fé\U0001f600<>&\u2028"), `{"S":"a\"\\/\b\f\n\r\t\u0001\u001fé` + "\U0001f600<>&\u2028" + `"}`},
		{String("a\xffb"), `{"S":"a\ufffdb"}`},
		{MustNumber("1.50"), `{"N":"1.5"}`},
		{Binary([]byte{1, 2, 3}), `{"B":"AQID"}`},
		{Binary(nil), `{"B":""}`},
		{Bool(true), `{"BOOL":true}`},
		{Bool(false), `{"BOOL":false}`},
		{Null(), `{"NULL":true}`},
		{List(), `{"L":[]}`},
		{Value{Type: TypeL}, `{"L":[]}`},
		{List(String("a"), Null()), `{"L":[{"S":"a"},{"NULL":true}]}`},
		{Map(nil), `{"M":{}}`},
		{Map(map[string]Value{"b": Null(), "a": String("x"), "é": Bool(true)}), `{"M":{"a":{"S":"x"},"b":{"NULL":true},"é":{"BOOL":true}}}`},
		{StringSet("b", "a"), `{"SS":["b","a"]}`},
		{Value{Type: TypeNS, SS: []string{"1", "2"}}, `{"NS":["1","2"]}`},
		{BinarySet([]byte{1}, nil), `{"BS":["AQ==",""]}`},
	}
	for _, tt := range tests {
		if got := string(tt.v.AppendJSON([]byte("x"))); got != "x"+tt.want {
			t.Errorf("AppendJSON(%#v) = %s; want %s", tt.v, got, tt.want)
		}
		if got, err := json.Marshal(tt.v); err != nil || !json.Valid(got) {
			t.Errorf("json.Marshal(%v) = %s, %v", tt.v, got, err)
		}
	}
	it := Item{"pk": String("p"), "a": MustNumber("1")}
	if got, _ := json.Marshal(it); string(got) != `{"a":{"N":"1"},"pk":{"S":"p"}}` {
		t.Errorf("json.Marshal(Item) = %s", got)
	}
	if got, _ := json.Marshal(Item(nil)); string(got) != `{}` {
		t.Errorf("json.Marshal(nil Item) = %s", got)
	}
	if got := MustNumber("2").String(); got != `{"N":"2"}` {
		t.Errorf("String() = %s", got)
	}
	many := Item{}
	for _, c := range "abcdefghijklmnopqrstuvwxyz" {
		many[string(c)] = Null()
	}
	if got := string(many.AppendJSON(nil)); !strings.HasPrefix(got, `{"a":{"NULL":true},"b":`) || !strings.HasSuffix(got, `"z":{"NULL":true}}`) {
		t.Errorf("many = %s", got)
	}
}

// TestJSONInStruct checks the json.Marshaler and Unmarshaler wiring.
func TestJSONInStruct(t *testing.T) {
	type request struct {
		Item   Item
		Values map[string]Value
		One    Value
	}
	in := `{"Item":{"a":{"S":"x"}},"Values":{":v":{"N":"1.0"}},"One":{"BOOL":true}}`
	var r request
	if err := json.Unmarshal([]byte(in), &r); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(r)
	if err != nil || string(out) != `{"Item":{"a":{"S":"x"}},"Values":{":v":{"N":"1"}},"One":{"BOOL":true}}` {
		t.Errorf("round trip = %s, %v", out, err)
	}
	err = json.Unmarshal([]byte(`{"Item":{"a":{"S":1}}}`), &r)
	var se *SerializationError
	if !errors.As(err, &se) {
		t.Errorf("error through encoding/json = %v", err)
	}
}

// strictEqual compares values exactly: same types, same numbers' text,
// sets in the same order; nil and empty slices and maps are equal.
func strictEqual(a, b Value) bool {
	if a.Type != b.Type || a.S != b.S || string(a.B) != string(b.B) || a.Bool != b.Bool {
		return false
	}
	if len(a.L) != len(b.L) || len(a.M) != len(b.M) || len(a.SS) != len(b.SS) || len(a.BS) != len(b.BS) {
		return false
	}
	for i := range a.L {
		if !strictEqual(a.L[i], b.L[i]) {
			return false
		}
	}
	for k, v := range a.M {
		if w, ok := b.M[k]; !ok || !strictEqual(v, w) {
			return false
		}
	}
	for i := range a.SS {
		if a.SS[i] != b.SS[i] {
			return false
		}
	}
	for i := range a.BS {
		if string(a.BS[i]) != string(b.BS[i]) {
			return false
		}
	}
	return true
}

// TestItemRepeatedNames checks that a repeated attribute name keeps its
// last value and only that value's validation error, ordered by the
// names' last appearance.
func TestItemRepeatedNames(t *testing.T) {
	const (
		nullFalse = "One or more parameter values were invalid: Null attribute value types must have the value of true"
		notNumber = "The parameter cannot be converted to a numeric value: "
	)
	tests := []struct{ in, err string }{
		{`{"a":{"N":"x"},"a":{"S":"ok"}}`, ""},
		{`{"a":{"N":"x"},"b":{"NULL":false},"a":{"N":"z"}}`, nullFalse},
		{`{"b":{"NULL":false},"a":{"N":"x"},"b":{"NULL":true}}`, notNumber + "x"},
		{`{"a":{"S":"ok"},"a":{"N":"y"}}`, notNumber + "y"},
	}
	for _, tt := range tests {
		var it Item
		err := it.UnmarshalJSON([]byte(tt.in))
		switch {
		case tt.err == "" && (err != nil || it["a"].Type != TypeS || it["a"].S != "ok"):
			t.Errorf("%s: %v, %v", tt.in, it, err)
		case tt.err != "" && (err == nil || err.Error() != tt.err):
			t.Errorf("%s: error %v, want %s", tt.in, err, tt.err)
		}
	}
}
