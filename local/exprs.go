package local

import (
	"strings"

	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/expr"
)

// exprParam is one expression parameter of a request: its kind and text
// (nil when absent).
type exprParam struct {
	kind expr.Kind
	text *string
}

// legacyParam is one non-expression parameter of a request, and whether
// it is present.
type legacyParam struct {
	name    string
	present bool
}

// compiled holds a request's parsed expressions.
type compiled struct {
	cond    *expr.Condition
	filter  *expr.Condition
	update  *expr.Update
	proj    *expr.Projection
	keyCond *expr.KeyCondition
}

// compileExprs checks and parses a request's expressions as DynamoDB does:
// expression and legacy parameters are not mixed, names and values come
// only with expressions that can use them, every expression parses, and
// every name and value is used. params are in DynamoDB's order for the
// operation.
func compileExprs(names map[string]string, values exprValues, params []exprParam, legacy ...legacyParam) (*compiled, error) {
	if err := checkExprParams(names, values, params, legacy); err != nil {
		return nil, err
	}
	if names != nil {
		if err := expr.CheckNames(names); err != nil {
			return nil, err
		}
	}
	if values != nil {
		if err := expr.CheckValues(values); err != nil {
			return nil, err
		}
	}
	c := &compiled{}
	var used []expr.Expression
	for _, p := range params {
		if p.text == nil {
			continue
		}
		e, err := c.parse(p, names, values)
		if err != nil {
			return nil, err
		}
		used = append(used, e)
	}
	if err := expr.CheckUnused(names, values, used...); err != nil {
		return nil, err
	}
	return c, nil
}

// parse parses one expression into c.
func (c *compiled) parse(p exprParam, names map[string]string, values map[string]ddbtype.Value) (expr.Expression, error) {
	var err error
	switch p.kind {
	case expr.ConditionExpression:
		c.cond, err = expr.ParseCondition(*p.text, names, values)
		return c.cond, err
	case expr.FilterExpression:
		c.filter, err = expr.ParseFilter(*p.text, names, values)
		return c.filter, err
	case expr.UpdateExpression:
		c.update, err = expr.ParseUpdate(*p.text, names, values)
		return c.update, err
	case expr.KeyConditionExpression:
		c.keyCond, err = expr.ParseKeyCondition(*p.text, names, values)
		return c.keyCond, err
	}
	c.proj, err = expr.ParseProjection(*p.text, names)
	return c.proj, err
}

// checkExprParams applies the rules on which parameters go together.
func checkExprParams(names map[string]string, values exprValues, params []exprParam, legacy []legacyParam) error {
	var present, valueExprs, absent []string
	for _, p := range params {
		if p.kind != expr.ProjectionExpression {
			valueExprs = append(valueExprs, p.kind.String())
		}
		if p.text != nil {
			present = append(present, p.kind.String())
		} else if p.kind != expr.ProjectionExpression {
			absent = append(absent, p.kind.String())
		}
	}
	if len(present) > 0 {
		if err := checkNoLegacy(present, legacy); err != nil {
			return err
		}
	}
	if names != nil && len(present) == 0 {
		return validationErr("ExpressionAttributeNames can only be specified when using expressions")
	}
	if values != nil && len(valueExprs) > 0 && len(absent) == len(valueExprs) {
		verb := "is"
		if len(valueExprs) > 1 {
			verb = "are"
		}
		return validationErr("ExpressionAttributeValues can only be specified when using expressions: " + strings.Join(valueExprs, " and ") + " " + verb + " null")
	}
	return nil
}

// checkNoLegacy rejects legacy parameters next to expressions.
func checkNoLegacy(present []string, legacy []legacyParam) error {
	var used []string
	for _, l := range legacy {
		if l.present {
			used = append(used, l.name)
		}
	}
	if len(used) == 0 {
		return nil
	}
	return validationErr("Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {" +
		strings.Join(used, ", ") + "} Expression parameters: {" + strings.Join(present, ", ") + "}")
}

// pathsProjection returns a projection of the given document paths, for
// ReturnValues UPDATED_OLD and UPDATED_NEW.
func pathsProjection(paths []*expr.Path) (*expr.Projection, error) {
	var b strings.Builder
	names := map[string]string{}
	for i, p := range paths {
		if i > 0 {
			b.WriteString(", ")
		}
		for j, el := range p.Elems {
			if el.IsIndex {
				b.WriteString(el.String())
				continue
			}
			if j > 0 {
				b.WriteByte('.')
			}
			ph := "#p" + itoa(len(names))
			names[ph] = el.Name
			b.WriteString(ph)
		}
	}
	return expr.ParseProjection(b.String(), names)
}
