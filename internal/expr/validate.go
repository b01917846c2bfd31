package expr

import (
	"strconv"
	"strings"

	"github.com/dokklib/db/internal/ddbtype"
)

// resolver performs DynamoDB's semantic validation of a parsed expression:
// it substitutes #names and :values, and checks paths, operand counts and
// types, in the order DynamoDB does (children before their operator). It
// also records what the expression uses.
type resolver struct {
	kind   Kind
	names  map[string]string
	values map[string]ddbtype.Value
	ops    int

	usedNames  []string // in first-use order
	usedValues []string
	nested     []string // top-level attributes accessed through nested paths
}

func newResolver(k Kind, names map[string]string, values map[string]ddbtype.Value) *resolver {
	return &resolver{kind: k, names: names, values: values}
}

func (r *resolver) fail(msg string) *Error { return invalid(r.kind, msg) }

// resolvePath checks the depth of p and substitutes its #names.
func (r *resolver) resolvePath(p *Path) *Error {
	if len(p.raw) > MaxPathDepth {
		return r.fail(detail("The document path has too many nesting levels", "nesting levels", strconv.Itoa(len(p.raw))))
	}
	p.Elems = make([]PathElem, len(p.raw))
	for i, raw := range p.raw {
		e, err := r.resolveElem(raw)
		if err != nil {
			return err
		}
		p.Elems[i] = e
	}
	if len(p.Elems) > 1 {
		r.nested = addUnique(r.nested, p.Elems[0].Name)
	}
	return nil
}

func (r *resolver) resolveElem(raw rawElem) (PathElem, *Error) {
	switch {
	case raw.isIndex:
		return PathElem{Index: raw.index, IsIndex: true}, nil
	case strings.HasPrefix(raw.text, "#"):
		r.usedNames = addUnique(r.usedNames, raw.text)
		name, ok := r.names[raw.text]
		if !ok {
			return PathElem{}, r.fail(detail("An expression attribute name used in the document path is not defined", "attribute name", raw.text))
		}
		return PathElem{Name: name}, nil
	case strings.HasPrefix(raw.text, ":"):
		// DynamoDB's grammar accepts a.:v; the service then fails
		// (InternalFailure). We reject it as a validation error instead.
		r.usedNames = addUnique(r.usedNames, raw.text)
		if _, ok := r.values[raw.text]; !ok {
			return PathElem{}, r.fail(detail("An expression attribute name used in the document path is not defined", "attribute name", raw.text))
		}
		return PathElem{}, r.fail(detail("The document path cannot contain attribute value parameters", "attribute value", raw.text))
	}
	return PathElem{Name: raw.text}, nil
}

// resolveValue substitutes a :value.
func (r *resolver) resolveValue(n *node) *Error {
	r.usedValues = addUnique(r.usedValues, n.name)
	v, ok := r.values[n.name]
	if !ok {
		return r.fail(detail("An expression attribute value used in expression is not defined", "attribute value", n.name))
	}
	n.val = v
	return nil
}

// validateTree validates n and everything below it, children first.
func (r *resolver) validateTree(n *node) *Error {
	switch n.kind {
	case nPath:
		return r.resolvePath(n.path)
	case nValue:
		return r.resolveValue(n)
	}
	for _, a := range n.args {
		if err := r.validateTree(a); err != nil {
			return err
		}
	}
	if err := r.validateOp(n); err != nil {
		return err
	}
	r.ops++
	if r.ops > MaxOperators {
		return r.fail(detail("The expression contains too many operators", "operator count", strconv.Itoa(r.ops)))
	}
	return nil
}

// validateOp checks an operator or function whose operands are valid.
func (r *resolver) validateOp(n *node) *Error {
	if msg := checkOperandCount(n); msg != "" {
		return r.fail(msg)
	}
	allowed := operandTypes(n)
	for _, a := range n.args {
		if !a.mayReturn(allowed) {
			return r.fail(detail("Incorrect operand type for operator or function",
				"operator or function", n.opName(), "operand type", a.returnTypeString()))
		}
	}
	if msg := checkDistinct(n); msg != "" {
		return r.fail(msg)
	}
	if msg := checkSpecific(n); msg != "" {
		return r.fail(msg)
	}
	return nil
}

// operandCounts gives the operand count of each function.
var operandCounts = map[funcID]int{
	fnAttributeExists: 1, fnAttributeNotExists: 1, fnAttributeType: 2, fnBeginsWith: 2,
	fnContains: 2, fnSize: 1, fnIfNotExists: 2, fnListAppend: 2,
}

// checkOperandCount returns DynamoDB's message if a function has the wrong
// number of operands. The grammar fixes the count of every operator.
func checkOperandCount(n *node) string {
	if n.kind != nFunc || operandCounts[n.fn] == len(n.args) {
		return ""
	}
	return detail("Incorrect number of operands for operator or function",
		"operator or function", n.name, "number of operands", strconv.Itoa(len(n.args)))
}

// checkDistinct applies DynamoDB's rule that, for operators that tolerate
// missing attributes, the first operand, if a path, must differ from the
// other path operands.
func checkDistinct(n *node) string {
	if !n.allowsMissing() || len(n.args) < 2 || n.args[0].kind != nPath {
		return ""
	}
	first := n.args[0].path
	for _, a := range n.args[1:] {
		if a.kind == nPath && a.path.equal(first) {
			return detail("The first operand must be distinct from the remaining operands for this operator or function",
				"operator", n.opName(), "first operand", first.String())
		}
	}
	return ""
}

// allowsMissing reports whether DynamoDB evaluates the operator when an
// operand refers to a missing attribute (rather than failing).
func (n *node) allowsMissing() bool {
	switch n.kind {
	case nAnd, nOr, nNot, nPlus, nMinus:
		return false
	case nFunc:
		return n.fn != fnListAppend
	}
	return true
}

// checkSpecific runs the checks particular to some operators.
func checkSpecific(n *node) string {
	switch {
	case n.kind == nBetween:
		return checkBetween(n.args[1], n.args[2])
	case n.kind == nIn && len(n.args)-1 > MaxInOperands:
		return detail("The IN operator is provided with too many operands", "number of operands", strconv.Itoa(len(n.args)-1))
	case n.kind != nFunc:
		return ""
	}
	switch n.fn {
	case fnAttributeExists, fnAttributeNotExists, fnIfNotExists:
		if n.args[0].kind != nPath {
			return detail("Operator or function requires a document path", "operator or function", n.name)
		}
	case fnAttributeType:
		return checkAttributeType(n.args[1])
	}
	return ""
}

// checkAttributeType checks the type operand of attribute_type: a :value
// holding one of the type names.
func checkAttributeType(t *node) string {
	if t.kind != nValue || t.val.Type != ddbtype.TypeS {
		return detail("Incorrect operand type for operator or function",
			"operator or function", "attribute_type", "operand type", t.returnTypeString())
	}
	if typeByName(t.val.S) == ddbtype.TypeNone {
		return detail("Invalid attribute type name found", "type", t.val.S, "valid types", validTypeNames)
	}
	return ""
}

// checkBetween checks the bounds of BETWEEN when both are :values.
func checkBetween(low, high *node) string {
	if low.kind != nValue || high.kind != nValue {
		return ""
	}
	bounds := []string{"lower bound operand", attrValueString(low.val), "upper bound operand", attrValueString(high.val)}
	if low.val.Type != high.val.Type {
		return detail("The BETWEEN operator requires same data type for lower and upper bounds", bounds...)
	}
	if compareScalars(low.val, high.val) > 0 {
		return detail("The BETWEEN operator requires upper bound to be greater than or equal to lower bound", bounds...)
	}
	return ""
}

// validateAddDelete checks the :value operand of ADD and DELETE.
func (r *resolver) validateAddDelete(a *action) *Error {
	t := a.value.val.Type
	ok := t.IsSet() || (a.kind == actAdd && t == ddbtype.TypeN)
	if ok {
		return nil
	}
	return r.fail(detail("Incorrect operand type for operator or function",
		"operator", a.kind.String(), "operand type", longTypeName(t),
		"typeSet", "ALLOWED_FOR_"+a.kind.String()+"_OPERAND"))
}

func addUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
