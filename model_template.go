package db

import (
	"encoding"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// A key template writes a key attribute from the fields of an entity:
// "ORG#{OrgID}" is the text ORG# followed by the field OrgID. Fields are
// formatted so that keys sort as the fields do: numbers zero-padded to
// the width of their type, times in UTC with milliseconds at a fixed
// width, strings and text as they are.
type template struct {
	text  string
	parts []templatePart
}

// templatePart is literal text, or a field when field is set.
type templatePart struct {
	lit   string
	field *keyField
}

// keyField is a field of an entity used in keys.
type keyField struct {
	name   string // the Go name
	index  []int
	format formatFunc
	// zeroOK says that the field's zero value is a value of the key (0,
	// false) rather than a field left unset ("", the zero time).
	zeroOK bool
}

// formatFunc writes a field's value in a key, and tells whether it is the
// zero value.
type formatFunc func(reflect.Value) (s string, zero bool, err error)

// parseTemplate parses a key template over the fields of struct type t.
func parseTemplate(t reflect.Type, text string) (template, error) {
	tpl := template{text: text}
	rest := text
	for rest != "" {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			tpl.parts = append(tpl.parts, templatePart{lit: rest})
			break
		}
		if open > 0 {
			tpl.parts = append(tpl.parts, templatePart{lit: rest[:open]})
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			return template{}, fmt.Errorf("template %q: '{' without '}'", text)
		}
		name := rest[open+1 : open+end]
		f, err := newKeyField(t, name)
		if err != nil {
			return template{}, fmt.Errorf("template %q: %w", text, err)
		}
		if n := len(tpl.parts); n > 0 && tpl.parts[n-1].field != nil {
			return template{}, fmt.Errorf("template %q: fields {%s} and {%s} must be apart, with text between them", text, tpl.parts[n-1].field.name, name)
		}
		tpl.parts = append(tpl.parts, templatePart{field: f})
		rest = rest[open+end+1:]
	}
	if strings.ContainsAny(tpl.literals(), "{}") || len(tpl.parts) == 0 {
		return template{}, fmt.Errorf("template %q: write fields as {Field}, with text around them", text)
	}
	return tpl, nil
}

// literals returns the template's text without its fields.
func (tpl template) literals() string {
	var b strings.Builder
	for _, p := range tpl.parts {
		b.WriteString(p.lit)
	}
	return b.String()
}

// fields returns the template's fields, in order.
func (tpl template) fields() []*keyField {
	var fs []*keyField
	for _, p := range tpl.parts {
		if p.field != nil {
			fs = append(fs, p.field)
		}
	}
	return fs
}

// render writes the key of v, whose fields must all be set: a string or
// a time that is the zero value is a field left unset.
func (tpl template) render(v reflect.Value) (string, error) {
	var b strings.Builder
	for _, p := range tpl.parts {
		if p.field == nil {
			b.WriteString(p.lit)
			continue
		}
		s, zero, err := p.field.format(v.FieldByIndex(p.field.index))
		if err == nil && zero && !p.field.zeroOK {
			err = errorString("it is not set")
		}
		if err != nil {
			return "", fmt.Errorf("%w: field %s of the key %q: %w", ErrInvalidKey, p.field.name, tpl.text, err)
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

// prefix writes the beginning of the key of v, up to its first field that
// is the zero value, and returns how many fields it wrote; when it wrote
// them all, the text is the whole key. This is how a query gives the
// leading fields of a key.
func (tpl template) prefix(v reflect.Value) (string, int, error) {
	var b strings.Builder
	n := 0
	for _, p := range tpl.parts {
		if p.field == nil {
			b.WriteString(p.lit)
			continue
		}
		s, zero, err := p.field.format(v.FieldByIndex(p.field.index))
		if err != nil {
			return "", 0, fmt.Errorf("%w: field %s of the key %q: %w", ErrInvalidKey, p.field.name, tpl.text, err)
		}
		if zero {
			break
		}
		b.WriteString(s)
		n++
	}
	return b.String(), n, nil
}

// newKeyField finds the field name of struct type t, and its formatter.
func newKeyField(t reflect.Type, name string) (*keyField, error) {
	sf, ok := t.FieldByName(name)
	if !ok || !sf.IsExported() {
		return nil, fmt.Errorf("%s has no exported field %s", t, name)
	}
	format, err := keyFormatter(sf.Type)
	if err != nil {
		return nil, fmt.Errorf("field %s: %w", name, err)
	}
	k := sf.Type.Kind()
	zeroOK := sf.Type != rtTime && !sf.Type.Implements(rtTextMarshaler) && k != reflect.String
	return &keyField{name: name, index: sf.Index, format: format, zeroOK: zeroOK}, nil
}

var errNegative = errorString("negative numbers do not sort in keys")

// keyFormatter returns the function that writes values of type t in keys.
func keyFormatter(t reflect.Type) (formatFunc, error) {
	switch {
	case t == rtTime:
		return func(v reflect.Value) (string, bool, error) {
			at := v.Interface().(time.Time)
			return stamp(at), at.IsZero(), nil
		}, nil
	case t.Implements(rtTextMarshaler):
		return func(v reflect.Value) (string, bool, error) {
			b, err := v.Interface().(encoding.TextMarshaler).MarshalText()
			return string(b), len(b) == 0, err
		}, nil
	}
	switch t.Kind() {
	case reflect.String:
		return func(v reflect.Value) (string, bool, error) { return v.String(), v.Len() == 0, nil }, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		width := len(strconv.FormatInt(1<<(t.Bits()-1)-1, 10))
		return func(v reflect.Value) (string, bool, error) {
			if v.Int() < 0 {
				return "", false, errNegative
			}
			return padded(strconv.FormatInt(v.Int(), 10), width), v.Int() == 0, nil
		}, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		width := len(strconv.FormatUint(1<<t.Bits()-1, 10))
		return func(v reflect.Value) (string, bool, error) {
			return padded(strconv.FormatUint(v.Uint(), 10), width), v.Uint() == 0, nil
		}, nil
	case reflect.Bool:
		return func(v reflect.Value) (string, bool, error) { return strconv.FormatBool(v.Bool()), false, nil }, nil
	}
	return nil, fmt.Errorf("%s cannot be written in a key: use a string, an integer, a bool, a time.Time or an encoding.TextMarshaler", t)
}

// padded writes s, a number, with leading zeros up to width digits.
func padded(s string, width int) string {
	if len(s) >= width {
		return s
	}
	return strings.Repeat("0", width-len(s)) + s
}
