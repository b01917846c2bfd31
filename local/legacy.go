package local

import (
	"slices"
	"strings"

	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/expr"
)

// The legacy (pre-expression) parameters Expected, QueryFilter,
// ScanFilter, KeyConditions and AttributeUpdates are translated into
// expressions with generated placeholders and handled by internal/expr.

// exprBuilder accumulates an expression with its placeholders.
type exprBuilder struct {
	parts  []string
	names  map[string]string
	values map[string]ddbtype.Value
}

func newExprBuilder() *exprBuilder {
	return &exprBuilder{names: map[string]string{}, values: map[string]ddbtype.Value{}}
}

// name returns the placeholder of an attribute name.
func (b *exprBuilder) name(attr string) string {
	ph := "#l" + itoa(len(b.names))
	b.names[ph] = attr
	return ph
}

// value returns the placeholder of a value.
func (b *exprBuilder) value(v ddbtype.Value) string {
	ph := ":l" + itoa(len(b.values))
	b.values[ph] = v
	return ph
}

// condArgs is the number of values each ComparisonOperator takes (-1:
// one or more).
var condArgs = map[string]int{
	"EQ": 1, "NE": 1, "LE": 1, "LT": 1, "GE": 1, "GT": 1, "NULL": 0, "NOT_NULL": 0,
	"CONTAINS": 1, "NOT_CONTAINS": 1, "BEGINS_WITH": 1, "IN": -1, "BETWEEN": 2,
}

var cmpSymbols = map[string]string{"EQ": "=", "NE": "<>", "LE": "<=", "LT": "<", "GE": ">=", "GT": ">"}

// validForOp reports whether a ComparisonOperator takes a value of type
// t: EQ and NE any, CONTAINS and NOT_CONTAINS a scalar (no set, list or
// map), BEGINS_WITH a string or binary, the others a string, number or
// binary (API Reference, Condition; dynalite test/scan.js; DynamoDB
// Local answers the same).
func validForOp(op string, t ddbtype.Type) bool {
	switch op {
	case "EQ", "NE":
		return true
	case "CONTAINS", "NOT_CONTAINS":
		return !t.IsSet() && t != ddbtype.TypeL && t != ddbtype.TypeM
	case "BEGINS_WITH":
		return t == ddbtype.TypeS || t == ddbtype.TypeB
	}
	return t == ddbtype.TypeS || t == ddbtype.TypeN || t == ddbtype.TypeB
}

// comparison appends the condition "attr op values".
func (b *exprBuilder) comparison(attr, op string, vals []ddbtype.Value) error {
	if err := checkComparison(op, vals); err != nil {
		return err
	}
	a := b.name(attr)
	ph := make([]string, len(vals))
	for i, v := range vals {
		ph[i] = b.value(v)
	}
	b.parts = append(b.parts, comparisonText(a, op, ph))
	return nil
}

// checkComparison checks a legacy comparison's operator and values: their
// number, their types, and for BETWEEN their order, with DynamoDB's
// messages (dynalite validations/index.js, test/scan.js).
func checkComparison(op string, vals []ddbtype.Value) error {
	n, ok := condArgs[op]
	if !ok {
		return invalidParam("Unsupported operator on ComparisonOperator: %s", op)
	}
	if (n >= 0 && len(vals) != n) || (n < 0 && len(vals) == 0) {
		return invalidParam("Invalid number of argument(s) for the %s ComparisonOperator", op)
	}
	for _, v := range vals {
		if !validForOp(op, v.Type) {
			return invalidParam("ComparisonOperator %s is not valid for %s AttributeValue type", op, v.Type)
		}
		if v.Type != vals[0].Type {
			return invalidParam("AttributeValues inside AttributeValueList must be of same type")
		}
	}
	if op != "BETWEEN" {
		return nil
	}
	if c, ok := ddbtype.Compare(vals[0], vals[1]); ok && c > 0 {
		return validationErr("The BETWEEN condition was provided a range where the lower bound is greater than the upper bound")
	}
	return nil
}

// comparisonText writes one legacy comparison as an expression.
func comparisonText(a, op string, ph []string) string {
	if sym, ok := cmpSymbols[op]; ok {
		return a + " " + sym + " " + ph[0]
	}
	switch op {
	case "NULL":
		return "attribute_not_exists(" + a + ")"
	case "NOT_NULL":
		return "attribute_exists(" + a + ")"
	case "CONTAINS":
		return "contains(" + a + ", " + ph[0] + ")"
	case "NOT_CONTAINS": // false when the attribute is missing, unlike NOT contains()
		return "(attribute_exists(" + a + ") AND NOT contains(" + a + ", " + ph[0] + "))"
	case "BEGINS_WITH":
		return "begins_with(" + a + ", " + ph[0] + ")"
	case "IN":
		return a + " IN (" + strings.Join(ph, ", ") + ")"
	}
	return a + " BETWEEN " + ph[0] + " AND " + ph[1]
}

// joined returns the parts joined by AND or OR.
func (b *exprBuilder) joined(op *string) string {
	sep := " AND "
	if deref(op) == "OR" {
		sep = " OR "
	}
	return strings.Join(b.parts, sep)
}

// sortedNames returns the keys of m in order.
func sortedNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// expectedCondition translates the legacy Expected parameter and checks
// ConditionalOperator, which needs it; nil when there is no condition.
func expectedCondition(exp map[string]expectedAttr, op *string) (*expr.Condition, error) {
	if err := checkConditionalOperator(op, len(exp)); err != nil {
		return nil, err
	}
	if len(exp) == 0 {
		return nil, nil
	}
	b := newExprBuilder()
	for _, attr := range sortedNames(exp) {
		if err := b.expected(attr, exp[attr]); err != nil {
			return nil, err
		}
	}
	return expr.ParseCondition(b.joined(op), b.names, b.values)
}

// checkConditionalOperator applies DynamoDB's rule on ConditionalOperator:
// it joins the conditions of Expected, QueryFilter or ScanFilter, and
// needs two (github.com/ExtendDB/extenddb tests/test_conditional_operator.py,
// run on DynamoDB).
func checkConditionalOperator(op *string, conditions int) error {
	switch {
	case op == nil || conditions >= 2:
		return nil
	case conditions == 0:
		return validationErr("ConditionalOperator cannot be used without Filter or Expected")
	}
	return validationErr("ConditionalOperator can only be used when Filter or Expected has two or more elements")
}

// expected appends one Expected entry, checked as DynamoDB checks it
// (dynalite test/putItem.js and validations/index.js).
func (b *exprBuilder) expected(attr string, x expectedAttr) error {
	if x.Value != nil && x.AttributeValueList != nil {
		return invalidParam("Value and AttributeValueList cannot be used together for Attribute: %s", attr)
	}
	if x.ComparisonOperator != nil {
		return b.expectedComparison(attr, x)
	}
	if x.AttributeValueList != nil {
		return invalidParam("AttributeValueList can only be used with a ComparisonOperator for Attribute: %s", attr)
	}
	exists := x.Exists == nil || *x.Exists
	switch {
	case exists && x.Value == nil:
		return invalidParam("Value must be provided when Exists is %s for Attribute: %s", boolText(x.Exists), attr)
	case !exists && x.Value != nil:
		return invalidParam("Value cannot be used when Exists is false for Attribute: %s", attr)
	case !exists:
		return b.comparison(attr, "NULL", nil)
	}
	return b.comparison(attr, "EQ", []ddbtype.Value{*x.Value})
}

// expectedComparison appends an Expected entry with a ComparisonOperator.
func (b *exprBuilder) expectedComparison(attr string, x expectedAttr) error {
	op := *x.ComparisonOperator
	switch {
	case x.Exists != nil:
		return invalidParam("Exists and ComparisonOperator cannot be used together for Attribute: %s", attr)
	case x.Value == nil && x.AttributeValueList == nil && op != "NULL" && op != "NOT_NULL":
		return invalidParam("Value or AttributeValueList must be used with ComparisonOperator: %s for Attribute: %s", op, attr)
	}
	vals := x.AttributeValueList
	if x.Value != nil {
		vals = []ddbtype.Value{*x.Value}
	}
	return b.comparison(attr, op, vals)
}

// boolText renders an optional boolean as DynamoDB's messages do.
func boolText(b *bool) string {
	switch {
	case b == nil:
		return "null"
	case *b:
		return "true"
	}
	return "false"
}

// condition is one entry of QueryFilter, ScanFilter or KeyConditions.
type condition struct {
	ComparisonOperator *string         `json:"ComparisonOperator"`
	AttributeValueList []ddbtype.Value `json:"AttributeValueList"`
}

// conditionsText translates legacy conditions into expression text.
func conditionsText(conds map[string]condition, op *string) (*exprBuilder, string, error) {
	b := newExprBuilder()
	for _, attr := range sortedNames(conds) {
		c := conds[attr]
		if c.ComparisonOperator == nil {
			return nil, "", validationErr("1 validation error detected: Value null at '" + attr + ".member.comparisonOperator' failed to satisfy constraint: Member must not be null")
		}
		if err := b.comparison(attr, *c.ComparisonOperator, c.AttributeValueList); err != nil {
			return nil, "", err
		}
	}
	return b, b.joined(op), nil
}

// filterCondition translates QueryFilter or ScanFilter.
func filterCondition(conds map[string]condition, op *string) (*expr.Condition, error) {
	if len(conds) == 0 {
		return nil, nil
	}
	b, text, err := conditionsText(conds, op)
	if err != nil {
		return nil, err
	}
	return expr.ParseFilter(text, b.names, b.values)
}

// keyConditions translates KeyConditions. A key takes none of the
// operators that do not select a range of keys (dynalite test/query.js).
func keyConditions(conds map[string]condition) (*expr.KeyCondition, error) {
	b, text, err := conditionsText(conds, nil)
	if err != nil {
		return nil, err
	}
	for _, c := range conds {
		switch *c.ComparisonOperator {
		case "NULL", "NOT_NULL", "NE", "CONTAINS", "NOT_CONTAINS", "IN":
			return nil, validationErr("Attempted conditional constraint is not an indexable operation")
		}
	}
	return expr.ParseKeyCondition(text, b.names, b.values)
}

// attributeUpdates translates the legacy AttributeUpdates parameter.
func attributeUpdates(ups map[string]attributeUpdate) (*expr.Update, error) {
	b := newExprBuilder()
	clauses := map[string][]string{}
	for _, attr := range sortedNames(ups) {
		u := ups[attr]
		action := deref(u.Action)
		if action == "" {
			action = "PUT"
		}
		if err := b.attributeUpdate(clauses, attr, action, u.Value); err != nil {
			return nil, err
		}
	}
	var text []string
	for _, c := range []string{"SET", "REMOVE", "ADD", "DELETE"} {
		if len(clauses[c]) > 0 {
			text = append(text, c+" "+strings.Join(clauses[c], ", "))
		}
	}
	return expr.ParseUpdate(strings.Join(text, " "), b.names, b.values)
}

// attributeUpdate adds one AttributeUpdates entry to its clause.
func (b *exprBuilder) attributeUpdate(clauses map[string][]string, attr, action string, v *ddbtype.Value) error {
	switch {
	case v == nil && action != "DELETE":
		return invalidParam("Only DELETE action is allowed when no attribute value is specified")
	case v == nil:
		clauses["REMOVE"] = append(clauses["REMOVE"], b.name(attr))
	case action == "PUT":
		clauses["SET"] = append(clauses["SET"], b.name(attr)+" = "+b.value(*v))
	case action == "DELETE" && !v.Type.IsSet():
		return invalidParam("DELETE action with value is not supported for the type %s", v.Type)
	case action == "DELETE":
		clauses["DELETE"] = append(clauses["DELETE"], b.name(attr)+" "+b.value(*v))
	case v.Type == ddbtype.TypeL:
		a := b.name(attr)
		clauses["SET"] = append(clauses["SET"], a+" = list_append(if_not_exists("+a+", "+b.value(ddbtype.List())+"), "+b.value(*v)+")")
	case v.Type != ddbtype.TypeN && !v.Type.IsSet():
		return invalidParam("ADD action is not supported for the type %s", v.Type)
	default:
		clauses["ADD"] = append(clauses["ADD"], b.name(attr)+" "+b.value(*v))
	}
	return nil
}
