package local

import (
	"errors"
	"strings"

	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/expr"
	"github.com/dokklib/db/internal/partiql"
)

// stmtExpr writes parts of a PartiQL statement as DynamoDB expression
// text, every attribute name a #placeholder and every value a
// :placeholder, so that the engine's own expression parser, validation
// and evaluation run them. One stmtExpr serves one request parameter set:
// its names and values are exactly those its expressions use.
type stmtExpr struct {
	params []ddbtype.Value
	names  map[string]string
	values map[string]ddbtype.Value
	byName map[string]string // attribute name to its placeholder
}

// newStmtExpr returns a writer substituting params for ? parameters.
func newStmtExpr(params []ddbtype.Value) *stmtExpr {
	return &stmtExpr{params: params, names: map[string]string{}, values: map[string]ddbtype.Value{}, byName: map[string]string{}}
}

// exprInput returns the placeholders used, as request parameters: nil
// maps when none were.
func (b *stmtExpr) exprInput() exprInput {
	var in exprInput
	if len(b.names) > 0 {
		in.ExpressionAttributeNames = b.names
	}
	if len(b.values) > 0 {
		in.ExpressionAttributeValues = b.values
	}
	return in
}

// name returns the placeholder of an attribute name.
func (b *stmtExpr) name(n string) string {
	if ph, ok := b.byName[n]; ok {
		return ph
	}
	ph := "#n" + itoa(len(b.names))
	b.names[ph] = n
	b.byName[n] = ph
	return ph
}

// value returns a new placeholder for v.
func (b *stmtExpr) value(v ddbtype.Value) string {
	ph := ":v" + itoa(len(b.values))
	b.values[ph] = v
	return ph
}

// path writes a document path.
func (b *stmtExpr) path(p partiql.Path) string {
	var s strings.Builder
	for i, el := range p.Elems {
		switch {
		case el.IsIndex:
			s.WriteString("[" + itoa(el.Index) + "]")
		case i > 0:
			s.WriteString("." + b.name(el.Name))
		default:
			s.WriteString(b.name(el.Name))
		}
	}
	return s.String()
}

// cond writes a condition.
func (b *stmtExpr) cond(x partiql.Expr) (string, error) {
	switch x := x.(type) {
	case *partiql.Binary:
		return b.binaryCond(x)
	case *partiql.Not:
		s, err := b.logicOperand(x.X)
		return "NOT " + s, err
	case *partiql.Between:
		return b.between(x)
	case *partiql.In:
		return b.in(x)
	case *partiql.Is:
		return b.is(x)
	case *partiql.Call:
		return b.condCall(x)
	}
	return "", validationErr("The arguments to AND/OR must be Expressions")
}

// logicOperand writes an operand of AND, OR or NOT, in parentheses when
// it is itself an AND or OR.
func (b *stmtExpr) logicOperand(x partiql.Expr) (string, error) {
	s, err := b.cond(x)
	if bx, ok := x.(*partiql.Binary); ok && (bx.Op == partiql.OpAnd || bx.Op == partiql.OpOr) {
		s = "(" + s + ")"
	}
	return s, err
}

// binaryCond writes AND, OR or a comparison.
func (b *stmtExpr) binaryCond(x *partiql.Binary) (string, error) {
	if x.Op == partiql.OpAnd || x.Op == partiql.OpOr {
		l, err := b.logicOperand(x.Left)
		if err != nil {
			return "", err
		}
		r, err := b.logicOperand(x.Right)
		return l + " " + x.Op.String() + " " + r, err
	}
	if !x.Op.IsComparison() {
		return "", validationErr("Unsupported operator in Condition Expression. Operator: " + x.Op.String())
	}
	return b.operands(" "+x.Op.String()+" ", x.Left, x.Right)
}

// operands writes operands separated by sep.
func (b *stmtExpr) operands(sep string, xs ...partiql.Expr) (string, error) {
	parts := make([]string, len(xs))
	for i, x := range xs {
		s, err := b.operand(x)
		if err != nil {
			return "", err
		}
		parts[i] = s
	}
	return strings.Join(parts, sep), nil
}

// between writes x [NOT] BETWEEN low AND high.
func (b *stmtExpr) between(x *partiql.Between) (string, error) {
	ops := make([]string, 3)
	for i, o := range [...]partiql.Expr{x.X, x.Low, x.High} {
		s, err := b.operand(o)
		if err != nil {
			return "", err
		}
		ops[i] = s
	}
	s := ops[0] + " BETWEEN " + ops[1] + " AND " + ops[2]
	if x.Not {
		s = "NOT (" + s + ")"
	}
	return s, nil
}

// in writes x [NOT] IN (v, ...).
func (b *stmtExpr) in(x *partiql.In) (string, error) {
	lhs, err := b.operand(x.X)
	if err != nil {
		return "", err
	}
	list, err := b.operands(", ", x.List...)
	if err != nil {
		return "", err
	}
	s := lhs + " IN (" + list + ")"
	if x.Not {
		s = "NOT (" + s + ")"
	}
	return s, nil
}

// isTypes maps the types IS tests to DynamoDB's attribute types.
var isTypes = map[string]string{"NULL": "NULL", "BOOLEAN": "BOOL", "BLOB": "B", "STRING": "S", "NUMERIC": "N", "STRUCT": "M", "TUPLE": "M", "LIST": "L"}

// is writes x IS [NOT] MISSING, NULL or a type.
func (b *stmtExpr) is(x *partiql.Is) (string, error) {
	fn := "attribute_type"
	switch {
	case x.Type == "MISSING" && x.Not:
		fn = "attribute_exists"
	case x.Type == "MISSING":
		fn = "attribute_not_exists"
	case isTypes[x.Type] == "":
		return "", validationErr("Unsupported data type for IS operator: " + x.Type +
			". Supported data types are [MISSING, NULL, BOOLEAN, BLOB, STRING, NUMERIC, STRUCT, TUPLE, LIST] at " + partiql.At(x.Pos))
	}
	p, ok := x.X.(*partiql.Path)
	if !ok {
		return "", validationErr("Operator or function requires a document path; operator or function: " + fn)
	}
	if x.Type == "MISSING" {
		return fn + "(" + b.path(*p) + ")", nil
	}
	s := fn + "(" + b.path(*p) + ", " + b.value(ddbtype.String(isTypes[x.Type])) + ")"
	if x.Not {
		s = "NOT " + s
	}
	return s, nil
}

// condFuncs are the functions that are conditions, by their names in
// DynamoDB's expressions, and how many arguments they take.
var condFuncs = map[string]int{"begins_with": 2, "contains": 2, "attribute_type": 2}

// condCall writes a function that is a condition.
func (b *stmtExpr) condCall(c *partiql.Call) (string, error) {
	n, ok := condFuncs[c.Name]
	if !ok {
		if c.Name == "size" {
			return "", validationErr("The arguments to AND/OR must be Expressions")
		}
		return "", validationErr("Unrecognized function: " + c.Name)
	}
	if len(c.Args) != n {
		return "", validationErr("Incorrect number of operands for operator or function; operator or function: " + c.Name + ", number of operands: " + itoa(len(c.Args)))
	}
	args, err := b.operands(", ", c.Args...)
	return c.Name + "(" + args + ")", err
}

// operand writes an operand of a comparison or function: a path, a
// value or size(path).
func (b *stmtExpr) operand(x partiql.Expr) (string, error) {
	switch x := x.(type) {
	case *partiql.Path:
		return b.path(*x), nil
	case *partiql.Call:
		if x.Name != "size" {
			if _, ok := condFuncs[x.Name]; ok {
				return "", validationErr("Incorrect operand type for operator or function; operator or function: " + x.Name + ", operand type: BOOL")
			}
			return "", validationErr("Unrecognized function: " + x.Name)
		}
		if len(x.Args) != 1 {
			return "", validationErr("Incorrect number of operands for operator or function; operator or function: size, number of operands: " + itoa(len(x.Args)))
		}
		s, err := b.operand(x.Args[0])
		return "size(" + s + ")", err
	case *partiql.Binary:
		if !x.Op.IsComparison() && x.Op != partiql.OpAnd && x.Op != partiql.OpOr {
			return "", validationErr("Unsupported operator in Condition Expression. Operator: " + x.Op.String())
		}
	case *partiql.Literal, *partiql.Param, *partiql.List, *partiql.Tuple, *partiql.Bag:
		v, err := b.valueOf(x)
		if err != nil {
			return "", err
		}
		return b.value(v), nil
	}
	return "", validationErr("Unsupported operand in Condition Expression: conditions cannot be compared")
}

// exprErr turns an error of the expression layer into the message a
// statement gets: the same text without the expression label ("Invalid
// FilterExpression: "), which a statement does not have.
func exprErr(err error) error {
	var xe *expr.Error
	if !errors.As(err, &xe) {
		return err
	}
	msg := xe.Message
	if strings.HasPrefix(msg, "Invalid ") {
		if i := strings.Index(msg, "Expression: "); i > 0 {
			msg = msg[i+len("Expression: "):]
		}
	}
	return validationErr(msg)
}
