package local

import (
	"slices"
	"strings"

	"github.com/dokklib/db/internal/partiql"
)

// updateExpression writes the SET and REMOVE actions of an UPDATE as an
// UpdateExpression. SET path = set_add(path, set) and set_delete become
// ADD and DELETE actions, which change a set in place.
func updateExpression(b *stmtExpr, actions []partiql.Action) (string, error) {
	var clauses [4][]string // SET, REMOVE, ADD, DELETE
	for _, a := range actions {
		path := b.path(a.Path)
		if a.Remove {
			clauses[1] = append(clauses[1], path)
			continue
		}
		if c, ok := a.Value.(*partiql.Call); ok && (c.Name == "set_add" || c.Name == "set_delete") {
			s, err := b.setChange(c, a.Path)
			if err != nil {
				return "", err
			}
			i := 2
			if c.Name == "set_delete" {
				i = 3
			}
			clauses[i] = append(clauses[i], path+" "+s)
			continue
		}
		v, err := b.setValue(a.Value)
		if err != nil {
			return "", err
		}
		clauses[0] = append(clauses[0], path+" = "+v)
	}
	var out []string
	for i, kw := range [...]string{"SET ", "REMOVE ", "ADD ", "DELETE "} {
		if len(clauses[i]) > 0 {
			out = append(out, kw+strings.Join(clauses[i], ", "))
		}
	}
	return strings.Join(out, " "), nil
}

// setChange writes the set operand of set_add(path, set) or
// set_delete(path, set), whose path must be the one the action sets.
func (b *stmtExpr) setChange(c *partiql.Call, target partiql.Path) (string, error) {
	if len(c.Args) != 2 {
		return "", validationErr("Incorrect number of operands for operator or function; operator or function: " + c.Name + ", number of operands: " + itoa(len(c.Args)))
	}
	p, ok := c.Args[0].(*partiql.Path)
	if !ok || !slices.Equal(p.Elems, target.Elems) {
		return "", validationErr("The first argument to " + strings.ToUpper(c.Name) + " must equal the assignment value")
	}
	if !isValueExpr(c.Args[1]) {
		return "", validationErr("Incorrect operand type for operator or function; operator or function: " + c.Name + ", operand type: path")
	}
	v, err := b.valueOf(c.Args[1])
	if err != nil {
		return "", err
	}
	return b.value(v), nil
}

// exprFuncs are the functions of DynamoDB's expressions: a SET value
// may name any, and the update expression's own checks say which it may
// call.
var exprFuncs = map[string]bool{"list_append": true, "if_not_exists": true, "size": true, "begins_with": true,
	"contains": true, "attribute_type": true, "attribute_exists": true, "attribute_not_exists": true}

// setValue writes the value of a SET action: a value, a path, a
// function call, or two of them added or subtracted.
func (b *stmtExpr) setValue(x partiql.Expr) (string, error) {
	switch x := x.(type) {
	case *partiql.Path:
		return b.path(*x), nil
	case *partiql.Binary:
		if x.Op != partiql.OpAdd && x.Op != partiql.OpSub {
			return "", validationErr("Unsupported operator in SET: " + x.Op.String())
		}
		l, err := b.setValue(x.Left)
		if err != nil {
			return "", err
		}
		r, err := b.setValue(x.Right)
		return l + " " + x.Op.String() + " " + r, err
	case *partiql.Call:
		if !exprFuncs[x.Name] {
			return "", validationErr("Unrecognized function: " + x.Name)
		}
		args := make([]string, len(x.Args))
		for i, a := range x.Args {
			s, err := b.setValue(a)
			if err != nil {
				return "", err
			}
			args[i] = s
		}
		return x.Name + "(" + strings.Join(args, ", ") + ")", nil
	}
	v, err := b.valueOf(x)
	if err != nil {
		return "", err
	}
	return b.value(v), nil
}
