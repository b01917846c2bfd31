package db

import (
	"net/netip"
	"reflect"
	"testing"
	"time"
)

type templated struct {
	S    string
	I    int
	I8   int8
	U16  uint16
	B    bool
	At   time.Time
	Addr netip.Addr
}

func TestTemplateFormats(t *testing.T) {
	v := templated{S: "x", I: 42, I8: 7, U16: 9, B: true,
		At: time.Date(2026, 1, 2, 3, 4, 5, 6_000_000, time.FixedZone("CET", 3600)), Addr: netip.MustParseAddr("10.0.0.1")}
	tpl, err := parseTemplate(reflect.TypeFor[templated](), "A#{S}#{I}#{I8}#{U16}#{B}#{At}#{Addr}")
	if err != nil {
		t.Fatal(err)
	}
	got, err := tpl.render(reflect.ValueOf(v))
	want := "A#x#0000000000000000042#007#00009#true#2026-01-02T02:04:05.006Z#10.0.0.1"
	if err != nil || got != want {
		t.Errorf("render = %q, %v\nwant %q", got, err, want)
	}
	v.I = -1
	if _, err := tpl.render(reflect.ValueOf(v)); err == nil {
		t.Error("a negative number was written in a key")
	}
	v.I, v.S = 0, ""
	if _, err := tpl.render(reflect.ValueOf(v)); err == nil {
		t.Error("an empty string was written in a key")
	}
	prefix, n, err := tpl.prefix(reflect.ValueOf(templated{S: "x", I: 5}))
	if err != nil || prefix != "A#x#0000000000000000005#" || n != 2 {
		t.Errorf("prefix = %q, %d, %v", prefix, n, err)
	}
}

func TestTemplatesMayMatch(t *testing.T) {
	typ := reflect.TypeFor[templated]()
	p := func(s string) template {
		tpl, err := parseTemplate(typ, s)
		if err != nil {
			t.Fatal(err)
		}
		return tpl
	}
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"ORG#{S}", "ORG#{S}", true},
		{"ORG#{S}", "USER#{S}", false},
		{"ORG#{S}", "ORG#{S}#X", true},
		{"ORG#{S}#A", "ORG#{S}#B", false},
		{"META", "META", true},
		{"META", "META2", false},
		{"META", "META#{S}", false},
		{"META#x", "META#{S}", true},
		{"META#", "META#{S}", false},
		{"A#{S}#B", "A#x#B", true},
		{"{S}", "anything", true},
	} {
		if got := mayMatch(p(tc.a), p(tc.b)); got != tc.want {
			t.Errorf("mayMatch(%s, %s) = %v", tc.a, tc.b, got)
		}
		if got := mayMatch(p(tc.b), p(tc.a)); got != tc.want {
			t.Errorf("mayMatch(%s, %s) = %v", tc.b, tc.a, got)
		}
	}
}
