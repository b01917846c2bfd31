package db

import (
	"strconv"
	"strings"
)

// Document paths
//
// A document path names an attribute, or a part of one: "a", "a.b",
// "list[2]", "a.b[0][1].c". Names are separated by '.', and list indexes
// are written in brackets. A backslash makes the character after it part
// of the name: "Domains.example\.com" is the key "example.com" of the map
// Domains, and "a\\b" the name "a\b". Path writes such paths from their
// parts. Apart from '.', '[', ']' and '\', any character may be in a name,
// reserved words too: names are sent as placeholders.

// Path returns the document path of the given parts: strings are names,
// escaped as needed, and ints are list indexes. Path("Domains",
// "example.com") is `Domains.example\.com`, and Path("tags", 0) is
// "tags[0]". Use it wherever a path is taken: Set, Remove, Project, Eq, ...
func Path(parts ...any) string {
	var b strings.Builder
	for i, p := range parts {
		switch p := p.(type) {
		case int:
			b.WriteString("[" + strconv.Itoa(p) + "]")
		case string:
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(escapeName(p))
		default:
			// An invalid part makes an invalid path, which the
			// operation given it refuses with ErrInvalidArgument.
			b.WriteString("[?]")
		}
	}
	return b.String()
}

// escapeName escapes the characters of a name that paths give meaning to.
func escapeName(name string) string {
	if !strings.ContainsAny(name, `.[]\`) {
		return name
	}
	var b strings.Builder
	for _, r := range name {
		if strings.ContainsRune(`.[]\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

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
		var err error
		switch {
		case rest[0] == '[':
			if len(elems) == 0 {
				return nil, invalid("path %q: a list index must follow a name", s)
			}
			var n int
			if n, rest, err = parseIndex(s, rest); err != nil {
				return nil, err
			}
			elems = append(elems, pathElem{index: n})
		case rest[0] == '.' && len(elems) > 0:
			rest = rest[1:]
			fallthrough
		default:
			var name string
			if name, rest, err = parseName(s, rest); err != nil {
				return nil, err
			}
			elems = append(elems, pathElem{name: name})
		}
	}
	return elems, nil
}

// parseIndex reads a list index "[n]" at the start of rest.
func parseIndex(s, rest string) (int, string, error) {
	end := strings.IndexByte(rest, ']')
	if end < 0 {
		return 0, "", invalid("path %q: a list index must end with ']'", s)
	}
	n, err := strconv.Atoi(rest[1:end])
	if err != nil || n < 0 || rest[1] == '+' {
		return 0, "", invalid("path %q: list index %q is not a whole number", s, rest[1:end])
	}
	rest = rest[end+1:]
	if rest != "" && rest[0] != '.' && rest[0] != '[' {
		return 0, "", invalid("path %q: a list index must be followed by '.', '[' or the end", s)
	}
	return n, rest, nil
}

// parseName reads a name at the start of rest, up to an unescaped '.' or
// '[', unescaping it.
func parseName(s, rest string) (string, string, error) {
	var b strings.Builder
	i := 0
	for ; i < len(rest); i++ {
		c := rest[i]
		switch {
		case c == '\\':
			if i+1 == len(rest) || !strings.ContainsRune(`.[]\`, rune(rest[i+1])) {
				return "", "", invalid(`path %q: '\' escapes only '.', '[', ']' and '\'`, s)
			}
			i++
			b.WriteByte(rest[i])
			continue
		case c == ']':
			return "", "", invalid("path %q has an unmatched ']'", s)
		case c == '.' || c == '[':
		default:
			b.WriteByte(c)
			continue
		}
		break
	}
	if b.Len() == 0 {
		return "", "", invalid("path %q has an empty name", s)
	}
	return b.String(), rest[i:], nil
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

// pathString writes a parsed path back in its escaped form.
func pathString(elems []pathElem) string {
	return writePath(elems, escapeName)
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
