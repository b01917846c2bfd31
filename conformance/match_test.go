package conformance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// decodeJSON decodes a response or an expectation, keeping numbers exact.
func decodeJSON(b []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// normalize prepares the decoded response of operation op for comparison:
// set members are sorted, and so are lists whose order DynamoDB leaves
// unspecified (Scan's items, BatchGetItem's responses, attribute
// definitions). A Scan's LastEvaluatedKey depends on that order too, so
// only its presence is kept.
func normalize(op string, v any) any {
	v = sortSets(v)
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	for _, k := range []string{"Table", "TableDescription"} {
		if t, ok := m[k].(map[string]any); ok {
			sortByJSON(t["AttributeDefinitions"])
		}
	}
	switch op {
	case "Scan":
		sortByJSON(m["Items"])
		if m["LastEvaluatedKey"] != nil {
			m["LastEvaluatedKey"] = "(present)"
		}
	case "BatchGetItem":
		if r, ok := m["Responses"].(map[string]any); ok {
			for _, items := range r {
				sortByJSON(items)
			}
		}
	}
	return m
}

// sortSets sorts the members of every SS, NS and BS value in v.
func sortSets(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if isSetType(k) && len(v) == 1 {
				sortByJSON(x)
			} else {
				v[k] = sortSets(x)
			}
		}
	case []any:
		for i, x := range v {
			v[i] = sortSets(x)
		}
	}
	return v
}

func isSetType(k string) bool { return k == "SS" || k == "NS" || k == "BS" }

// sortByJSON sorts a []any by the JSON encoding of its elements.
func sortByJSON(v any) {
	list, ok := v.([]any)
	if !ok {
		return
	}
	key := func(i int) string { b, _ := json.Marshal(list[i]); return string(b) }
	keys := make([]string, len(list))
	for i := range list {
		keys[i] = key(i)
	}
	sort.Sort(byKey{list, keys})
}

type byKey struct {
	list []any
	keys []string
}

func (s byKey) Len() int           { return len(s.list) }
func (s byKey) Less(i, j int) bool { return s.keys[i] < s.keys[j] }
func (s byKey) Swap(i, j int) {
	s.list[i], s.list[j] = s.list[j], s.list[i]
	s.keys[i], s.keys[j] = s.keys[j], s.keys[i]
}

// avTypes are the type tags of DynamoDB's attribute values.
var avTypes = map[string]bool{"S": true, "N": true, "B": true, "BOOL": true, "NULL": true,
	"L": true, "M": true, "SS": true, "NS": true, "BS": true}

// isAV reports whether v is an attribute value such as {"S": "x"}.
func isAV(v any) bool {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return false
	}
	for k := range m {
		return avTypes[k]
	}
	return false
}

// isAVMap reports whether every value of m is an attribute value, as in an
// item or a key. Such maps are compared exactly.
func isAVMap(m map[string]any) bool {
	for _, v := range m {
		if !isAV(v) {
			return false
		}
	}
	return true
}

// matcher compares JSON values. In subset mode (expectations), each key of a
// wanted object must be in the response, a null wants the key absent, and
// items and attribute values match exactly. In intersection mode (two
// backends' responses), keys present on one side only are ignored except in
// items and attribute values, and volatile fields are skipped.
type matcher struct {
	intersect bool
	diffs     []string
}

// volatile fields differ between backends legitimately.
// Statuses are among them: DynamoDB reports CREATING or ENABLING for a
// while, backends may be done at once.
var volatile = regexp.MustCompile(`DateTime$|Status$|^(TableId|TableArn|IndexArn|TableSizeBytes|IndexSizeBytes|ItemCount|` +
	`LatestStreamArn|LatestStreamLabel|Backfilling)$`)

func (m *matcher) diff(path string, want, got any) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			m.add(path, want, got)
			return
		}
		m.diffObject(path, w, g)
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			m.add(path, want, got)
			return
		}
		for i := range w {
			m.diff(path+"["+strconv.Itoa(i)+"]", w[i], g[i])
		}
	case json.Number:
		g, ok := got.(json.Number)
		if !ok || !sameNumber(w, g) {
			m.add(path, want, got)
		}
	default:
		if want != got {
			m.add(path, want, got)
		}
	}
}

func (m *matcher) diffObject(path string, w, g map[string]any) {
	exact := isAV(w) || isAVMap(w) && (len(w) > 0 || isAVMap(g))
	for k, wv := range w {
		gv, ok := g[k]
		switch {
		case m.intersect && volatile.MatchString(k):
		case !ok && (wv == nil || m.intersect && !exact):
		case !ok:
			m.diffs = append(m.diffs, fmt.Sprintf("%s.%s: missing, want %s", path, k, show(wv)))
		case wv == nil && !m.intersect:
			m.diffs = append(m.diffs, fmt.Sprintf("%s.%s: got %s, want it absent", path, k, show(gv)))
		default:
			m.diff(path+"."+k, wv, gv)
		}
	}
	if exact {
		for k, gv := range g {
			if _, ok := w[k]; !ok {
				m.diffs = append(m.diffs, fmt.Sprintf("%s.%s: unexpected %s", path, k, show(gv)))
			}
		}
	}
}

func (m *matcher) add(path string, want, got any) {
	m.diffs = append(m.diffs, fmt.Sprintf("%s: got %s, want %s", path, show(got), show(want)))
}

// sameNumber compares JSON numbers by value (1.0 equals 1).
func sameNumber(a, b json.Number) bool {
	x, err1 := strconv.ParseFloat(string(a), 64)
	y, err2 := strconv.ParseFloat(string(b), 64)
	return err1 == nil && err2 == nil && x == y
}

// show renders v as compact JSON for failure messages.
func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if len(b) > 300 {
		return string(b[:300]) + "..."
	}
	return string(b)
}

// globMatch reports whether s matches pattern, where '*' matches any text.
func globMatch(pattern, s string) bool {
	parts := strings.Split(pattern, "*")
	for i := range parts {
		parts[i] = regexp.QuoteMeta(parts[i])
	}
	return regexp.MustCompile("^(?s)" + strings.Join(parts, ".*") + "$").MatchString(s)
}
