package expr

import (
	"github.com/dokklib/db/internal/ddbtype"
)

// Expression is what every parsed expression reports about itself, so that
// the placeholders of a request's several expressions can be checked
// together (see CheckUnused).
type Expression interface {
	// Kind is the request parameter the expression came from.
	Kind() Kind
	// NamesUsed lists the expression attribute names (#n) the expression
	// uses, in order of first use.
	NamesUsed() []string
	// ValuesUsed lists the expression attribute values (:v) the expression
	// uses, in order of first use.
	ValuesUsed() []string
}

// usage is what an expression uses; it implements most of Expression.
type usage struct {
	kind   Kind
	names  []string
	values []string
	nested []string
	tops   []string
}

// Kind returns the request parameter the expression came from.
func (u *usage) Kind() Kind { return u.kind }

// NamesUsed lists the expression attribute names (#n) the expression uses,
// in order of first use.
func (u *usage) NamesUsed() []string { return u.names }

// ValuesUsed lists the expression attribute values (:v) the expression
// uses, in order of first use.
func (u *usage) ValuesUsed() []string { return u.values }

// Attributes lists the top-level attribute names the expression refers
// to, after #name substitution, in order of first appearance.
func (u *usage) Attributes() []string { return u.tops }

// NestedAttributes lists the top-level attributes the expression reaches
// into with a nested path (a.b or a[0]), which DynamoDB forbids for key
// attributes ("Key attributes must be scalars; ...").
func (u *usage) NestedAttributes() []string { return u.nested }

func (u *usage) record(r *resolver, paths []*Path) {
	u.names, u.values, u.nested = r.usedNames, r.usedValues, r.nested
	for _, p := range paths {
		u.tops = addUnique(u.tops, p.Top())
	}
}

// Condition is a parsed condition, filter or key condition expression.
// It is immutable and safe for concurrent use.
type Condition struct {
	usage
	root *node
}

// ParseCondition parses and validates a ConditionExpression with its
// expression attribute names and values. Errors are *Error values carrying
// DynamoDB's message.
func ParseCondition(s string, names map[string]string, values map[string]ddbtype.Value) (*Condition, error) {
	c, err := parseCondition(ConditionExpression, s, names, values)
	if err != nil {
		return nil, err
	}
	return c, nil
}

// ParseFilter parses and validates a FilterExpression; it is ParseCondition
// with the FilterExpression label on errors.
func ParseFilter(s string, names map[string]string, values map[string]ddbtype.Value) (*Condition, error) {
	c, err := parseCondition(FilterExpression, s, names, values)
	if err != nil {
		return nil, err
	}
	return c, nil
}

func parseCondition(k Kind, s string, names map[string]string, values map[string]ddbtype.Value) (*Condition, *Error) {
	if err := checkLength(k, s, true); err != nil {
		return nil, err
	}
	p := newParser(s, catCondition)
	root := p.parseConditionTree()
	if err := p.result(k); err != nil {
		return nil, err
	}
	r := newResolver(k, names, values)
	if err := r.validateTree(root); err != nil {
		return nil, err
	}
	c := &Condition{usage: usage{kind: k}, root: root}
	c.record(r, treePaths(root))
	return c, nil
}

// treePaths returns the paths of a tree in source order.
func treePaths(n *node) []*Path {
	var paths []*Path
	n.walk(func(m *node) {
		if m.kind == nPath {
			paths = append(paths, m.path)
		}
	})
	return paths
}

// Eval reports whether item satisfies the condition. As in DynamoDB,
// evaluation never fails: comparing values of different types, or with a
// missing attribute, is simply false (and <> true).
func (c *Condition) Eval(item ddbtype.Item) bool { return evalBool(c.root, item) }
