package db

import (
	"cmp"
	"reflect"
	"slices"
	"strings"
)

// tagOpts are the options of a dynamodbav struct tag.
type tagOpts uint16

const (
	tagOmitEmpty tagOpts = 1 << iota
	tagOmitEmptyElem
	tagNullEmpty
	tagNullEmptyElem
	tagString
	tagBinarySet
	tagNumberSet
	tagStringSet
	tagUnixTime
)

var tagOptNames = map[string]tagOpts{
	"omitempty":     tagOmitEmpty,
	"omitemptyelem": tagOmitEmptyElem,
	"nullempty":     tagNullEmpty,
	"nullemptyelem": tagNullEmptyElem,
	"string":        tagString,
	"binaryset":     tagBinarySet,
	"numberset":     tagNumberSet,
	"stringset":     tagStringSet,
	"unixtime":      tagUnixTime,
}

func (o tagOpts) has(flag tagOpts) bool { return o&flag != 0 }

// elem returns the options of the elements of a list, set or map with
// options o: omitemptyelem and nullemptyelem apply to them, as
// omitempty (keeping omitemptyelem) and nullempty.
func (o tagOpts) elem() tagOpts {
	var e tagOpts
	if o.has(tagOmitEmptyElem) {
		e |= tagOmitEmpty | tagOmitEmptyElem
	}
	if o.has(tagNullEmptyElem) {
		e |= tagNullEmpty
	}
	return e
}

// parseAVTag parses a field's dynamodbav tag.
func parseAVTag(st reflect.StructTag) (name string, opts tagOpts, ignore bool) {
	s := st.Get("dynamodbav")
	if s == "" {
		return "", 0, false
	}
	name, rest, _ := strings.Cut(s, ",")
	if name == "-" {
		return "", 0, true
	}
	for rest != "" {
		var opt string
		opt, rest, _ = strings.Cut(rest, ",")
		opts |= tagOptNames[opt]
	}
	return name, opts, false
}

// codecField is a field of a struct as the codec sees it: an attribute.
type codecField struct {
	name    string
	fromTag bool  // the name comes from the tag
	index   []int // the path of struct fields from the outer struct
	typ     reflect.Type
	opts    tagOpts
}

// structFields returns the attributes of struct type t as attributevalue
// finds them: exported fields, and the fields of embeddedStruct structs as if
// they were t's own, with Go's rules of visibility, where a tagged name
// beats an untagged one at the same depth. They are in field order.
func structFields(t reflect.Type) []codecField {
	fields := enumFields(t)
	slices.SortFunc(fields, byNameDepthTag)
	var out []codecField
	for len(fields) > 0 {
		n := 1
		for n < len(fields) && fields[n].name == fields[0].name {
			n++
		}
		if f, ok := dominantField(fields[:n]); ok {
			out = append(out, f)
		}
		fields = fields[n:]
	}
	slices.SortFunc(out, func(a, b codecField) int { return slices.Compare(a.index, b.index) })
	return out
}

// embeddedStruct is a struct type to walk, embeddedStruct at index.
type embeddedStruct struct {
	typ   reflect.Type
	index []int
}

// enumFields lists the fieldCandidate fields of t, breadth first. A struct
// embeddedStruct more than once at one depth contributes its fields twice, so
// that they annihilate each other in dominantField.
func enumFields(t reflect.Type) []codecField {
	var fields []codecField
	next := []embeddedStruct{{typ: t}}
	nextCount := map[reflect.Type]int{}
	visited := map[reflect.Type]bool{}
	for len(next) > 0 {
		current, count := next, nextCount
		next, nextCount = nil, map[reflect.Type]int{}
		for _, e := range current {
			if visited[e.typ] {
				continue
			}
			visited[e.typ] = true
			for i := range e.typ.NumField() {
				f, walk, ok := fieldCandidate(e, i)
				switch {
				case !ok:
				case walk:
					if nextCount[f.typ]++; nextCount[f.typ] == 1 {
						next = append(next, embeddedStruct{f.typ, f.index})
					}
				default:
					fields = append(fields, f)
					if count[e.typ] > 1 {
						fields = append(fields, f)
					}
				}
			}
		}
	}
	return fields
}

// fieldCandidate returns field i of e; walk says that it is an embeddedStruct struct
// whose fields are promoted, ok that it is an attribute at all.
func fieldCandidate(e embeddedStruct, i int) (f codecField, walk, ok bool) {
	sf := e.typ.Field(i)
	name, opts, ignore := parseAVTag(sf.Tag)
	if ignore || (!sf.IsExported() && !sf.Anonymous) {
		return f, false, false
	}
	ft := sf.Type
	if ft.Name() == "" && ft.Kind() == reflect.Pointer {
		ft = ft.Elem()
	}
	isStruct := ft.Kind() == reflect.Struct
	if !sf.IsExported() && !isStruct {
		// attributevalue lists these and then panics reading them.
		return f, false, false
	}
	f = codecField{name: sf.Name, index: append(slices.Clip(e.index), i), typ: sf.Type, opts: opts}
	if name != "" {
		f.name, f.fromTag = name, true
	}
	if sf.Anonymous && name == "" && isStruct {
		f.typ = ft
		return f, true, true
	}
	return f, false, true
}

// byNameDepthTag orders fields by name, then depth, then tagged first,
// then field order.
func byNameDepthTag(a, b codecField) int {
	if c := strings.Compare(a.name, b.name); c != 0 {
		return c
	}
	if c := cmp.Compare(len(a.index), len(b.index)); c != 0 {
		return c
	}
	if a.fromTag != b.fromTag {
		if a.fromTag {
			return -1
		}
		return 1
	}
	return slices.Compare(a.index, b.index)
}

// dominantField picks the field that a name means among fields with that
// name, sorted by byNameDepthTag: the shallowest, if it is the only one at
// its depth or the only tagged one there. ok is false when none is.
func dominantField(fields []codecField) (f codecField, ok bool) {
	depth := len(fields[0].index)
	tagged := -1
	for i, f := range fields {
		if len(f.index) > depth {
			fields = fields[:i]
			break
		}
		if f.fromTag {
			if tagged >= 0 {
				return codecField{}, false
			}
			tagged = i
		}
	}
	if tagged >= 0 {
		return fields[tagged], true
	}
	if len(fields) > 1 {
		return codecField{}, false
	}
	return fields[0], true
}
