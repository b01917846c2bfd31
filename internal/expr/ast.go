package expr

import (
	"strconv"
	"strings"

	"github.com/dokklib/db/internal/ddbtype"
)

// nodeKind is the kind of an expression tree node.
type nodeKind uint8

const (
	nPath    nodeKind = iota // a document path
	nValue                   // an expression attribute value (:v)
	nCompare                 // = <> < <= > >=
	nBetween                 // a BETWEEN b AND c
	nIn                      // a IN (b, c, ...)
	nAnd
	nOr
	nNot
	nFunc  // a function call
	nPlus  // a + b (update expressions only)
	nMinus // a - b (update expressions only)
)

// cmpOp is a comparison operator.
type cmpOp uint8

const (
	cmpEQ cmpOp = iota
	cmpNE
	cmpLT
	cmpLE
	cmpGT
	cmpGE
)

var cmpNames = [...]string{cmpEQ: "=", cmpNE: "<>", cmpLT: "<", cmpLE: "<=", cmpGT: ">", cmpGE: ">="}

// String returns the operator as written.
func (c cmpOp) String() string { return cmpNames[c] }

// funcID identifies one of DynamoDB's expression functions.
type funcID uint8

const (
	fnUnknown funcID = iota
	fnAttributeExists
	fnAttributeNotExists
	fnAttributeType
	fnBeginsWith
	fnContains
	fnSize
	fnIfNotExists
	fnListAppend
)

// functions maps function names, which are case-sensitive, to their IDs.
var functions = map[string]funcID{
	"attribute_exists":     fnAttributeExists,
	"attribute_not_exists": fnAttributeNotExists,
	"attribute_type":       fnAttributeType,
	"begins_with":          fnBeginsWith,
	"contains":             fnContains,
	"size":                 fnSize,
	"if_not_exists":        fnIfNotExists,
	"list_append":          fnListAppend,
}

// isConditionFunc reports whether f may appear in condition-like
// expressions; the others may only appear in update expressions.
func (f funcID) isConditionFunc() bool { return f >= fnAttributeExists && f <= fnSize }

// node is one node of a parsed expression tree. Parentheses do not create
// nodes; parens records whether the node was written inside its own pair,
// which DynamoDB needs to detect redundant parentheses.
type node struct {
	kind   nodeKind
	cmp    cmpOp  // nCompare
	fn     funcID // nFunc
	name   string // nFunc: the name as written; nValue: the placeholder (":v")
	args   []*node
	path   *Path         // nPath
	val    ddbtype.Value // nValue, once resolved
	tok    int           // index of the node's first (or function name) token
	parens bool
}

// PathElem is one element of a document path: a map key (attribute name)
// or, when IsIndex is set, a list index.
type PathElem struct {
	Name    string
	Index   int
	IsIndex bool
}

// String renders the element as DynamoDB does in messages: the name, or
// the index in brackets.
func (e PathElem) String() string {
	if e.IsIndex {
		return "[" + strconv.Itoa(e.Index) + "]"
	}
	return e.Name
}

// Path is a document path such as a.b[2].c, with expression attribute
// names already substituted.
type Path struct {
	Elems []PathElem

	raw []rawElem // the elements as written, before substitution
}

// rawElem is a path element as written: an identifier, a #name, a :value
// (DynamoDB's grammar accepts ".:v"), or a list index.
type rawElem struct {
	text    string
	index   int
	isIndex bool
	tok     int
}

// String renders the path as DynamoDB does in messages: "[a, b, [2], c]".
func (p *Path) String() string {
	var b strings.Builder
	b.WriteByte('[')
	for i, e := range p.Elems {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(e.String())
	}
	b.WriteByte(']')
	return b.String()
}

// Top returns the top-level attribute name the path starts with.
func (p *Path) Top() string { return p.Elems[0].Name }

func (p *Path) equal(q *Path) bool {
	if len(p.Elems) != len(q.Elems) {
		return false
	}
	for i := range p.Elems {
		if p.Elems[i] != q.Elems[i] {
			return false
		}
	}
	return true
}

// opName is the operator or function name DynamoDB uses in messages.
func (n *node) opName() string {
	switch n.kind {
	case nCompare:
		return n.cmp.String()
	case nBetween:
		return "BETWEEN"
	case nIn:
		return "IN"
	case nAnd:
		return "AND"
	case nOr:
		return "OR"
	case nNot:
		return "NOT"
	case nPlus:
		return "+"
	case nMinus:
		return "-"
	}
	return n.name
}

// walk calls f for n and all nodes below it, parents first.
func (n *node) walk(f func(*node)) {
	f(n)
	for _, a := range n.args {
		a.walk(f)
	}
}
