package db

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
)

// jsonNumber is the grammar of a JSON number.
var jsonNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

// MarshalJSON writes n as a JSON number, with all its digits: 7 as 7, not
// "7", so that items go straight into JSON responses.
func (n Number) MarshalJSON() ([]byte, error) {
	if jsonNumber.MatchString(string(n)) {
		return []byte(n), nil
	}
	d, err := n.Decimal()
	if err != nil {
		return nil, fmt.Errorf("db: %q is not a number", string(n))
	}
	return []byte(d.Text('G')), nil
}

// UnmarshalJSON reads a JSON number, keeping all its digits, or a JSON
// string that holds a number. A JSON null leaves n unchanged.
func (n *Number) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case string(b) == "null":
		return nil
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if _, err := Number(s).Decimal(); err != nil {
			return err
		}
		*n = Number(s)
	case jsonNumber.Match(b):
		*n = Number(b)
	default:
		return fmt.Errorf("db: %s is not a number", b)
	}
	return nil
}

// UnmarshalJSON reads a JSON object into the item, as json.Unmarshal reads
// one into a map[string]any, but with numbers as Number, keeping all their
// digits, instead of float64. JSON has no sets: they come back as []any.
func (it *Item) UnmarshalJSON(b []byte) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return err
	}
	if m == nil {
		return nil // null leaves the item unchanged, as for a map
	}
	if *it == nil {
		*it = make(Item, len(m))
	}
	for k, v := range m {
		(*it)[k] = fromJSON(v)
	}
	return nil
}

// fromJSON turns the json.Numbers of a decoded JSON value into Numbers.
func fromJSON(v any) any {
	switch v := v.(type) {
	case json.Number:
		return Number(v)
	case []any:
		for i, e := range v {
			v[i] = fromJSON(e)
		}
	case map[string]any:
		for k, e := range v {
			v[k] = fromJSON(e)
		}
	}
	return v
}
