package ddbtype

import "testing"

func TestType(t *testing.T) {
	tests := []struct {
		t          Type
		name       string
		set, isKey bool
	}{
		{TypeNone, "", false, false},
		{TypeS, "S", false, true},
		{TypeN, "N", false, true},
		{TypeB, "B", false, true},
		{TypeBOOL, "BOOL", false, false},
		{TypeNULL, "NULL", false, false},
		{TypeL, "L", false, false},
		{TypeM, "M", false, false},
		{TypeSS, "SS", true, false},
		{TypeNS, "NS", true, false},
		{TypeBS, "BS", true, false},
		{Type(11), "", false, false},
		{Type(255), "", false, false},
	}
	for _, tt := range tests {
		if got := tt.t.String(); got != tt.name {
			t.Errorf("Type(%d).String() = %q; want %q", tt.t, got, tt.name)
		}
		if got := tt.t.IsSet(); got != tt.set {
			t.Errorf("Type(%d).IsSet() = %v", tt.t, got)
		}
		if got := tt.t.IsKey(); got != tt.isKey {
			t.Errorf("Type(%d).IsKey() = %v", tt.t, got)
		}
	}
}

func TestConstructors(t *testing.T) {
	tests := []struct {
		v    Value
		want string
	}{
		{String("x"), `{"S":"x"}`},
		{MustNumber("007"), `{"N":"7"}`},
		{Int(-3), `{"N":"-3"}`},
		{Binary([]byte("hi")), `{"B":"aGk="}`},
		{Bool(true), `{"BOOL":true}`},
		{Null(), `{"NULL":true}`},
		{List(), `{"L":[]}`},
		{List(Null(), Bool(false)), `{"L":[{"NULL":true},{"BOOL":false}]}`},
		{Map(nil), `{"M":{}}`},
		{StringSet("a"), `{"SS":["a"]}`},
		{BinarySet([]byte("a")), `{"BS":["YQ=="]}`},
	}
	for _, tt := range tests {
		if got := tt.v.String(); got != tt.want {
			t.Errorf("%#v = %s; want %s", tt.v, got, tt.want)
		}
	}
	if List().L == nil || Map(nil).M == nil {
		t.Error("List() or Map(nil) holds nil")
	}
	if !(Value{}).IsZero() || Null().IsZero() {
		t.Error("IsZero")
	}
}
