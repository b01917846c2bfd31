package db_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/dokklib/db"
)

func TestItemsMarshalAsJSON(t *testing.T) {
	item := db.Item{
		"Count": db.Number("7"),
		"Big":   db.Number("12345678901234567890123456789012345678"),
		"Odd":   db.Number("+.5"),
		"Tags":  db.StringSet{"a", "b"},
		"Nums":  db.NumberSet{"1", "2.5"},
		"Bin":   db.BinarySet{[]byte("hi")},
		"Deep":  map[string]any{"n": db.Number("-1E+3"), "l": []any{db.Number("0")}},
	}
	got, err := json.Marshal(item)
	want := `{"Big":12345678901234567890123456789012345678,"Bin":["aGk="],"Count":7,"Deep":{"l":[0],"n":-1E+3},` +
		`"Nums":[1,2.5],"Odd":0.5,"Tags":["a","b"]}`
	if err != nil || string(got) != want {
		t.Errorf("json.Marshal = %s, %v\nwant %s", got, err, want)
	}
	if _, err := json.Marshal(db.Item{"n": db.Number("seven")}); err == nil {
		t.Error("json.Marshal of a Number that is not a number succeeded")
	}
}

func TestItemsUnmarshalFromJSON(t *testing.T) {
	var item db.Item
	err := json.Unmarshal([]byte(`{"Big":12345678901234567890123456789012345678,"s":"x","l":[1,{"f":2.5}],"b":true,"z":null}`), &item)
	want := db.Item{
		"Big": db.Number("12345678901234567890123456789012345678"),
		"s":   "x",
		"l":   []any{db.Number("1"), map[string]any{"f": db.Number("2.5")}},
		"b":   true,
		"z":   nil,
	}
	if err != nil || !reflect.DeepEqual(item, want) {
		t.Errorf("json.Unmarshal = %#v, %v\nwant %#v", item, err, want)
	}
	var n struct{ A, B, C db.Number }
	if err := json.Unmarshal([]byte(`{"A":1.50,"B":"2","C":null}`), &n); err != nil || n.A != "1.50" || n.B != "2" || n.C != "" {
		t.Errorf("Numbers from JSON = %+v, %v", n, err)
	}
	for _, bad := range []string{`{"A":"two"}`, `{"A":true}`, `{"A":[1]}`} {
		if err := json.Unmarshal([]byte(bad), &n); err == nil {
			t.Errorf("json.Unmarshal(%s) into a Number succeeded", bad)
		}
	}
}
