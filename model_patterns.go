package db

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// AccessPattern is one way the table's models read an entity: by its keys
// on one index.
type AccessPattern struct {
	// Entity is the entity's name.
	Entity string
	// Index is the index's name, empty for the primary index.
	Index string
	// PartitionKey and SortKey are the key templates on the index, as
	// "PK = ORG#{OrgID}"; SortKey is empty for an index without one.
	PartitionKey, SortKey string
	// KeyCondition is the key condition of a query that gives only the
	// partition key's fields, as DynamoDB runs it.
	KeyCondition string
	// Needs are the attributes that the entity's items must have in the
	// index, for a query of the model to read them whole.
	Needs []string
}

// AccessPatterns lists the access patterns of a table's models.
type AccessPatterns []AccessPattern

// AccessPatterns returns the access patterns of the table's models, in the
// order they were declared: for each model, its primary key, then each
// index it declares keys on, then the guards of its unique fields.
func (t *Table) AccessPatterns() AccessPatterns {
	var out AccessPatterns
	for _, d := range t.descriptions() {
		for _, g := range append([]*modelDescription{d}, guardDescriptions(t, []*modelDescription{d})...) {
			for _, k := range g.keys {
				out = append(out, g.pattern(k))
			}
		}
	}
	return out
}

func (d *modelDescription) pattern(k modelKey) AccessPattern {
	x := k.index
	if k.isFields() {
		return d.fieldsPattern(k)
	}
	p := AccessPattern{Entity: d.name, Index: x.Name, PartitionKey: x.PartitionKey + " = " + k.pk.text}
	p.KeyCondition = p.PartitionKey
	if x.SortKey != "" {
		p.SortKey = x.SortKey + " = " + k.sk.text
		switch given, all := k.sk.given(k.pk.fields()); {
		case all:
			p.KeyCondition += " AND " + p.SortKey
		case given != "":
			p.KeyCondition += " AND begins_with(" + x.SortKey + ", " + given + ")"
		}
	}
	if !x.IsPrimary() {
		p.Needs = append([]string{EntityAttribute}, d.attributes()...)
	}
	return p
}

// fieldsPattern describes keys that are the entity's fields: the key
// condition is equality on each partition field, and on the sort fields
// from the left, the last of which may have a range.
func (d *modelDescription) fieldsPattern(k modelKey) AccessPattern {
	p := AccessPattern{Entity: d.name, Index: k.index.Name, PartitionKey: fieldList(k.pkFields), SortKey: fieldList(k.skFields)}
	conds := make([]string, len(k.pkFields))
	for i, f := range k.pkFields {
		conds[i] = f.attr + " = {" + f.name + "}"
	}
	p.KeyCondition = strings.Join(conds, " AND ")
	p.Needs = append([]string{EntityAttribute}, d.attributes()...)
	return p
}

// fieldList writes the attributes of key fields, as "(Org, Year)".
func fieldList(fs []*modelField) string {
	if len(fs) == 0 {
		return ""
	}
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.attr
	}
	return "(" + strings.Join(names, ", ") + ")"
}

// given writes the template as far as the fields known are given, as a
// query that gives them has it: all reports that the whole key is given.
func (tpl template) given(known []*keyField) (string, bool) {
	var b strings.Builder
	for _, p := range tpl.parts {
		if p.field != nil && !slices.ContainsFunc(known, func(f *keyField) bool { return f.name == p.field.name }) {
			return b.String(), false
		}
		if p.field != nil {
			b.WriteString("{" + p.field.name + "}")
		} else {
			b.WriteString(p.lit)
		}
	}
	return b.String(), true
}

// leading returns the template's text before its first field.
func (tpl template) leading() string {
	if len(tpl.parts) == 0 || tpl.parts[0].field != nil {
		return ""
	}
	return tpl.parts[0].lit
}

// attributes returns the attributes that the entity's struct stores.
func (d *modelDescription) attributes() []string {
	var out []string
	for _, f := range structFields(d.typ) {
		out = append(out, f.name)
	}
	return out
}

// String writes the access patterns as a Markdown table, for a design
// document: go generate can keep one up to date.
func (ps AccessPatterns) String() string {
	var b strings.Builder
	b.WriteString("| entity | index | partition key | sort key | key condition |\n")
	b.WriteString("| --- | --- | --- | --- | --- |\n")
	for _, p := range ps {
		index := p.Index
		if index == "" {
			index = "primary"
		}
		fmt.Fprintf(&b, "| %s | %s | `%s` | %s | `%s` |\n", p.Entity, index, p.PartitionKey, code(p.SortKey), p.KeyCondition)
	}
	return b.String()
}

func code(s string) string {
	if s == "" {
		return ""
	}
	return "`" + s + "`"
}

// Check checks the table's models together, as a program should at
// start: each model's declaration, keys of two entities that could be the
// same on one index, indexes that do not project what the entities read
// from them, and TTL fields. It returns every problem it finds, joined.
func (t *Table) Check() error {
	var errs []error
	ds := t.descriptions()
	for _, d := range ds {
		if d.err != nil {
			errs = append(errs, d.err)
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	for _, d := range ds {
		errs = append(errs, d.checkProjections()...)
	}
	ds = append(ds, guardDescriptions(t, ds)...)
	for i, a := range ds {
		for _, b := range ds[i+1:] {
			errs = append(errs, t.checkCollisions(a, b)...)
		}
	}
	errs = append(errs, checkTTL(ds))
	return errors.Join(errs...)
}

// guardDescriptions describes the guards of the models' unique fields as
// entities of their own, keyed "UNIQUE#ENTITY#Field#{value}".
func guardDescriptions(t *Table, ds []*modelDescription) []*modelDescription {
	var out []*modelDescription
	for _, d := range ds {
		for _, f := range d.unique {
			lit := "UNIQUE#" + d.name + "#" + f.name + "#"
			tpl := template{text: lit + "{" + f.name + "}", parts: []templatePart{{lit: lit}, {field: &keyField{name: f.name}}}}
			out = append(out, &modelDescription{table: t, name: "guards of " + d.name + "." + f.name,
				keys: []modelKey{{index: t.primaryIdx, pk: tpl, sk: tpl}}})
		}
	}
	return out
}

// checkProjections refuses indexes that a model queries without their
// holding the entity's attributes.
func (d *modelDescription) checkProjections() []error {
	var errs []error
	for _, k := range d.keys[1:] {
		if k.index.projectsAll() {
			continue
		}
		var missing []string
		for _, attr := range d.pattern(k).Needs {
			if !slices.Contains(k.index.Include, attr) {
				missing = append(missing, attr)
			}
		}
		if len(missing) > 0 {
			errs = append(errs, fmt.Errorf("%w: %s is read from index %s, which does not project %s",
				ErrInvalidArgument, d.name, k.index.Name, strings.Join(missing, ", ")))
		}
	}
	return errs
}

// checkCollisions refuses two entities whose keys could be equal on an
// index of the table, so that one's item could be read or written as the
// other's. Templates could give the same text unless their leading or
// trailing texts differ. The guards of unique fields count as entities.
func (t *Table) checkCollisions(a, b *modelDescription) []error {
	var errs []error
	for _, x := range append([]Index{t.primaryIdx}, t.indexes...) {
		ka, okA := a.templatesOn(t, x)
		kb, okB := b.templatesOn(t, x)
		if okA && okB && mayMatch(ka[0], kb[0]) && mayMatch(ka[1], kb[1]) {
			errs = append(errs, fmt.Errorf("%w: the keys of %s (%s, %s) and %s (%s, %s) can be equal on %s",
				ErrInvalidArgument, a.name, ka[0].text, ka[1].text, b.name, kb[0].text, kb[1].text, x))
		}
	}
	return errs
}

// templatesOn returns the templates of an entity's keys on the index x,
// whether declared for it or because its key attributes are ones that the
// entity writes, as the inverse index's are the primary key's.
func (d *modelDescription) templatesOn(t *Table, x Index) ([2]template, bool) {
	byAttr := map[string]template{}
	for _, k := range d.keys {
		if k.isFields() {
			continue // read only through the entity's filter: no key to collide
		}
		byAttr[k.index.PartitionKey] = k.pk
		if k.index.SortKey != "" {
			byAttr[k.index.SortKey] = k.sk
		}
	}
	pk, ok := byAttr[x.PartitionKey]
	if !ok {
		return [2]template{}, false
	}
	if x.SortKey == "" {
		return [2]template{pk, {}}, true
	}
	sk, ok := byAttr[x.SortKey]
	return [2]template{pk, sk}, ok
}

// mayMatch reports whether two templates could write the same key. Every
// field writes at least one character. Two texts must be equal; a text
// and a template match when the text begins with the template's leading
// text, ends with its trailing text, and has room for its fields between;
// two templates, unless one's leading text is not a prefix of the other's,
// or one's trailing text not a suffix of the other's.
func mayMatch(a, b template) bool {
	if len(a.fields()) == 0 {
		a, b = b, a
	}
	la, lb := a.leading(), b.leading()
	ta, tb := a.trailing(), b.trailing()
	switch {
	case len(a.fields()) == 0:
		return a.text == b.text
	case len(b.fields()) == 0:
		return strings.HasPrefix(b.text, la) && strings.HasSuffix(b.text, ta) &&
			len(b.text) >= len(la)+len(ta)+len(a.fields())
	}
	return (strings.HasPrefix(la, lb) || strings.HasPrefix(lb, la)) &&
		(strings.HasSuffix(ta, tb) || strings.HasSuffix(tb, ta))
}

// trailing returns the template's text after its last field.
func (tpl template) trailing() string {
	if n := len(tpl.parts); n > 0 && tpl.parts[n-1].field == nil && len(tpl.fields()) > 0 {
		return tpl.parts[n-1].lit
	}
	if len(tpl.fields()) == 0 {
		return tpl.text
	}
	return ""
}

// checkTTL refuses models that name two TTL attributes: a table has one.
func checkTTL(ds []*modelDescription) error {
	attr := ""
	for _, d := range ds {
		if d.ttl == nil {
			continue
		}
		if attr != "" && d.ttl.attr != attr {
			return fmt.Errorf("%w: the TTL attributes %s and %s: a table has one", ErrInvalidArgument, attr, d.ttl.attr)
		}
		attr = d.ttl.attr
	}
	return nil
}
