package local

import (
	"slices"
	"strings"

	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/expr"
)

// projects reports whether the index holds attribute name of its items:
// the table's and index's key attributes always, others as the projection
// says.
func (x *index) projects(name string) bool {
	if x.key.isKey(name) || x.tableKey.isKey(name) {
		return true
	}
	switch x.proj.typ {
	case projAll:
		return true
	case projInclude:
		return x.proj.include[name]
	}
	return false
}

// project returns the part of item the index holds.
func (x *index) project(item ddbtype.Item) ddbtype.Item {
	if x.proj.typ == projAll {
		return item
	}
	out := make(ddbtype.Item, len(x.proj.include)+4)
	for name, v := range item {
		if x.projects(name) {
			out[name] = v
		}
	}
	return out
}

// missing returns the names the index does not project.
func (x *index) missing(names []string) []string {
	var out []string
	for _, n := range names {
		if !x.projects(n) {
			out = append(out, n)
		}
	}
	return out
}

// checkProjection rejects a read's projection (ProjectionExpression or
// AttributesToGet) that names attributes a global secondary index does not
// project: unlike a local one, it cannot fetch them from the table. The
// names are listed in DynamoDB's order.
func (x *index) checkProjection(p *expr.Projection) error {
	if !x.global || p == nil {
		return nil
	}
	if m := x.missing(p.Attributes()); len(m) > 0 {
		return invalidParam("Global secondary index %s does not project [%s]", x.name, strings.Join(expr.HashSetOrder(m), ", "))
	}
	return nil
}

// checkFilter rejects a Query filter that names attributes the index does
// not project: DynamoDB does not fetch them from the table to evaluate it,
// on a local secondary index either. The names are listed sorted, as
// DynamoDB Local does.
func (x *index) checkFilter(f *expr.Condition) error {
	if f == nil {
		return nil
	}
	m := x.missing(f.Attributes())
	if len(m) == 0 {
		return nil
	}
	slices.Sort(m)
	return invalidParam("Secondary index %s does not project one or more filter attributes: [%s]", x.name, strings.Join(m, ", "))
}

// fetches reports whether a read of the index with Select sel and
// projection p returns attributes the index does not project, which a
// local secondary index fetches from the table (API Reference, Query,
// Select): all of them, or some its projection names.
func (x *index) fetches(sel string, p *expr.Projection) bool {
	switch {
	case x.global || x.proj.typ == projAll:
		return false
	case sel == selAll:
		return true
	}
	return p != nil && len(x.missing(p.Attributes())) > 0
}
