package db

import (
	"strconv"
	"strings"
)

// A document path names an attribute, or a part of one: "a", "a.b",
// "list[2]", "a.b[0][1].c". Names are separated by '.', list indexes
// are written in brackets. A name may be any string without '.', '[' or ']';
// reserved words and odd characters need no escaping, since every name is
// sent as a placeholder.

// pathElem is one step of a document path: a name, or a list index.
type pathElem struct {
	name  string
	index int // when name == ""
}

// parsePath splits a document path into its steps.
func parsePath(s string) ([]pathElem, error) {
	if s == "" {
		return nil, invalid("empty attribute path")
	}
	var elems []pathElem
	rest := s
	for rest != "" {
		switch {
		case rest[0] == '[':
			end := strings.IndexByte(rest, ']')
			if len(elems) == 0 || end < 0 {
				return nil, invalid("path %q: a list index must follow a name and end with ']'", s)
			}
			n, err := strconv.Atoi(rest[1:end])
			if err != nil || n < 0 || rest[1] == '+' {
				return nil, invalid("path %q: list index %q is not a whole number", s, rest[1:end])
			}
			elems = append(elems, pathElem{index: n})
			rest = rest[end+1:]
			if rest != "" && rest[0] != '.' && rest[0] != '[' {
				return nil, invalid("path %q: a list index must be followed by '.', '[' or the end", s)
			}
		case rest[0] == '.' && len(elems) > 0:
			rest = rest[1:]
			fallthrough
		default:
			end := strings.IndexAny(rest, ".[]")
			if end < 0 {
				end = len(rest)
			}
			if end == 0 {
				return nil, invalid("path %q has an empty name", s)
			}
			elems = append(elems, pathElem{name: rest[:end]})
			rest = rest[end:]
			if rest != "" && rest[0] == ']' {
				return nil, invalid("path %q has an unmatched ']'", s)
			}
		}
	}
	return elems, nil
}

// overlaps reports whether one path is a prefix of the other, as DynamoDB
// refuses in one update.
func overlaps(a, b []pathElem) bool {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// pathString writes a parsed path back in its plain form.
func pathString(elems []pathElem) string {
	return writePath(elems, func(name string) string { return name })
}

// writePath writes a parsed path, each name as name gives it.
func writePath(elems []pathElem, name func(string) string) string {
	var b strings.Builder
	for i, e := range elems {
		switch {
		case e.name == "":
			b.WriteString("[" + strconv.Itoa(e.index) + "]")
		case i > 0:
			b.WriteString("." + name(e.name))
		default:
			b.WriteString(name(e.name))
		}
	}
	return b.String()
}
