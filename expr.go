package db

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// exprBuilder collects the attribute names and values of a request's
// expressions as placeholders, so that reserved words and odd characters in
// names need no care from the user.
type exprBuilder struct {
	names  map[string]string // placeholder -> attribute name
	byName map[string]string // attribute name -> placeholder
	values map[string]types.AttributeValue
}

// name returns the placeholder of an attribute name.
func (b *exprBuilder) name(attr string) string {
	if p, ok := b.byName[attr]; ok {
		return p
	}
	if b.names == nil {
		b.names, b.byName = map[string]string{}, map[string]string{}
	}
	p := "#n" + strconv.Itoa(len(b.names))
	b.names[p], b.byName[attr] = attr, p
	return p
}

// path returns a document path with placeholders for its names.
func (b *exprBuilder) path(s string) (string, error) {
	elems, err := parsePath(s)
	if err != nil {
		return "", err
	}
	return b.elems(elems), nil
}

func (b *exprBuilder) elems(elems []pathElem) string { return writePath(elems, b.name) }

// value returns the placeholder of a value.
func (b *exprBuilder) value(v any) (string, error) {
	av, err := encodeValue(v)
	if err != nil {
		return "", asInvalid(err)
	}
	return b.attrValue(av), nil
}

func (b *exprBuilder) attrValue(av types.AttributeValue) string {
	if b.values == nil {
		b.values = map[string]types.AttributeValue{}
	}
	p := ":v" + strconv.Itoa(len(b.values))
	b.values[p] = av
	return p
}

// operand writes an operand: an Operand as itself, anything else as a value.
func (b *exprBuilder) operand(v any, inUpdate bool) (string, error) {
	if o, ok := v.(Operand); ok {
		return o.build(b, inUpdate)
	}
	return b.value(v)
}

// projection returns a projection expression of the given paths.
func (b *exprBuilder) projection(paths []string) (*string, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	ps := make([]string, len(paths))
	for i, p := range paths {
		s, err := b.path(p)
		if err != nil {
			return nil, fmt.Errorf("projection: %w", err)
		}
		ps[i] = s
	}
	s := strings.Join(ps, ", ")
	return &s, nil
}

// namesOrNil and valuesOrNil give the SDK nil rather than an empty map,
// which DynamoDB refuses.
func (b *exprBuilder) namesOrNil() map[string]string { return b.names }

func (b *exprBuilder) valuesOrNil() map[string]types.AttributeValue { return b.values }

// Operand is a part of an expression other than a plain value: another
// attribute (Attr), the size of one (Size), or, in updates, arithmetic and
// functions (Plus, Minus, IfNotExists, ListAppend). Where a condition or an
// update takes a value, an Operand stands for what it computes.
type Operand interface {
	build(b *exprBuilder, inUpdate bool) (string, error)
}

type attrOperand string

func (a attrOperand) build(b *exprBuilder, _ bool) (string, error) { return b.path(string(a)) }

// Attr refers to the value of the attribute at path, as in Gt("a", Attr("b"))
// or Set("copy", Attr("original")).
func Attr(path string) Operand { return attrOperand(path) }

type sizeOperand string

func (s sizeOperand) build(b *exprBuilder, inUpdate bool) (string, error) {
	if inUpdate {
		return "", invalid("size(%s) can be used in conditions only", string(s))
	}
	p, err := b.path(string(s))
	return "size(" + p + ")", err
}

// Size is the size of the attribute at path: a string's length in UTF-8
// bytes, a binary's length, or the number of elements of a list, map or set.
// Use it in conditions: Gt(Size("tags"), 3).
func Size(path string) Operand { return sizeOperand(path) }

type updateOperand struct {
	format string // with %s for each operand
	args   []any
}

func (u updateOperand) build(b *exprBuilder, inUpdate bool) (string, error) {
	if !inUpdate {
		return "", invalid("%s can be used in updates only", strings.SplitN(u.format, "(", 2)[0])
	}
	args := make([]any, len(u.args))
	for i, a := range u.args {
		s, err := b.operand(a, true)
		if err != nil {
			return "", err
		}
		args[i] = s
	}
	return fmt.Sprintf(u.format, args...), nil
}

// Plus is a + b, for numbers, in updates: Set("n", Plus(Attr("n"), 1)).
func Plus(a, b any) Operand { return updateOperand{"%s + %s", []any{a, b}} }

// Minus is a - b, for numbers, in updates.
func Minus(a, b any) Operand { return updateOperand{"%s - %s", []any{a, b}} }

// IfNotExists is the attribute at path if it exists, and else v, in updates:
// Set("visits", Plus(IfNotExists("visits", 0), 1)).
func IfNotExists(path string, v any) Operand {
	return updateOperand{"if_not_exists(%s, %s)", []any{Attr(path), v}}
}

// ListAppend is the list a followed by the list b, in updates.
func ListAppend(a, b any) Operand { return updateOperand{"list_append(%s, %s)", []any{a, b}} }

// Condition is a test of an item's attributes, for conditional writes,
// filters and condition checks in transactions. Make one with the
// comparisons (Eq, Ne, Lt, Le, Gt, Ge, Between, In), the functions (Exists,
// NotExists, AttributeType, BeginsWith, Contains) and And, Or and Not.
type Condition interface {
	build(b *exprBuilder) (string, error)
}

type condFunc func(b *exprBuilder) (string, error)

func (f condFunc) build(b *exprBuilder) (string, error) { return f(b) }

// Exists holds when the item has the attribute at path. Exists of the
// partition key attribute holds when the item exists.
func Exists(path string) Condition { return function("attribute_exists", path) }

// NotExists holds when the item lacks the attribute at path. NotExists of
// the partition key attribute holds when there is no item with the key.
func NotExists(path string) Condition { return function("attribute_not_exists", path) }

// AttributeType holds when the attribute at path has the given type.
func AttributeType(path string, t Type) Condition { return function("attribute_type", path, string(t)) }

// BeginsWith holds when the attribute at path is a string that begins with
// prefix.
func BeginsWith(path, prefix string) Condition { return function("begins_with", path, prefix) }

// Contains holds when the attribute at path is a string that contains the
// string v, or a set or list that has v as an element.
func Contains(path string, v any) Condition { return function("contains", path, v) }

// function writes fn(path, args...).
func function(fn, path string, args ...any) Condition {
	return condFunc(func(b *exprBuilder) (string, error) {
		p, err := b.path(path)
		if err != nil {
			return "", fmt.Errorf("%s: %w", fn, err)
		}
		parts := []string{p}
		for _, a := range args {
			s, err := b.operand(a, false)
			if err != nil {
				return "", fmt.Errorf("%s(%s): %w", fn, path, err)
			}
			parts = append(parts, s)
		}
		return fn + "(" + strings.Join(parts, ", ") + ")", nil
	})
}

// Type is a DynamoDB attribute type, for AttributeType.
type Type string

// The attribute types of DynamoDB.
const (
	TypeString    Type = "S"
	TypeNumber    Type = "N"
	TypeBinary    Type = "B"
	TypeBool      Type = "BOOL"
	TypeNull      Type = "NULL"
	TypeList      Type = "L"
	TypeMap       Type = "M"
	TypeStringSet Type = "SS"
	TypeNumberSet Type = "NS"
	TypeBinarySet Type = "BS"
)

// Eq holds when left equals right. Left is an attribute path or an Operand
// such as Size("tags"); right is a value or an Operand such as Attr("b").
func Eq(left, right any) Condition { return compare(left, "=", right) }

// Ne holds when left does not equal right, also when the attribute is
// missing.
func Ne(left, right any) Condition { return compare(left, "<>", right) }

// Lt holds when left is less than right.
func Lt(left, right any) Condition { return compare(left, "<", right) }

// Le holds when left is less than or equal to right.
func Le(left, right any) Condition { return compare(left, "<=", right) }

// Gt holds when left is greater than right.
func Gt(left, right any) Condition { return compare(left, ">", right) }

// Ge holds when left is greater than or equal to right.
func Ge(left, right any) Condition { return compare(left, ">=", right) }

func compare(left any, op string, right any) Condition {
	return condFunc(func(b *exprBuilder) (string, error) {
		l, r, err := b.operands(left, right)
		if err != nil {
			return "", err
		}
		return l + " " + op + " " + r[0], nil
	})
}

// Between holds when left is from lo to hi, both included.
func Between(left, lo, hi any) Condition {
	return condFunc(func(b *exprBuilder) (string, error) {
		l, r, err := b.operands(left, lo, hi)
		if err != nil {
			return "", err
		}
		return l + " BETWEEN " + r[0] + " AND " + r[1], nil
	})
}

// MaxInOperands is the most values In takes, as DynamoDB allows.
const MaxInOperands = 100

// In holds when left equals one of the values.
func In(left any, values ...any) Condition {
	return condFunc(func(b *exprBuilder) (string, error) {
		if len(values) == 0 || len(values) > MaxInOperands {
			return "", invalid("In takes 1 to %d values, not %d", MaxInOperands, len(values))
		}
		l, r, err := b.operands(left, values...)
		if err != nil {
			return "", err
		}
		return l + " IN (" + strings.Join(r, ", ") + ")", nil
	})
}

// operands writes the left side of a comparison, a path or an Operand, and
// the right side's values or Operands.
func (b *exprBuilder) operands(left any, right ...any) (string, []string, error) {
	var l string
	var err error
	switch v := left.(type) {
	case string:
		l, err = b.path(v)
	case Operand:
		l, err = v.build(b, false)
	default:
		err = invalid("the left side of a comparison is an attribute path or an Operand, not %T", left)
	}
	if err != nil {
		return "", nil, err
	}
	r := make([]string, len(right))
	for i, v := range right {
		if r[i], err = b.operand(v, false); err != nil {
			return "", nil, fmt.Errorf("comparison with %v: %w", left, err)
		}
	}
	return l, r, nil
}

// And holds when every condition holds.
func And(conds ...Condition) Condition { return join("AND", conds) }

// Or holds when any condition holds.
func Or(conds ...Condition) Condition { return join("OR", conds) }

func join(op string, conds []Condition) Condition {
	return condFunc(func(b *exprBuilder) (string, error) {
		if len(conds) == 0 {
			return "", invalid("%s of no conditions", op)
		}
		if len(conds) == 1 { // DynamoDB refuses redundant parentheses
			return buildCondition(b, conds[0])
		}
		parts := make([]string, len(conds))
		for i, c := range conds {
			s, err := buildCondition(b, c)
			if err != nil {
				return "", err
			}
			parts[i] = "(" + s + ")"
		}
		return strings.Join(parts, " "+op+" "), nil
	})
}

// Not holds when c does not.
func Not(c Condition) Condition {
	return condFunc(func(b *exprBuilder) (string, error) {
		s, err := buildCondition(b, c)
		if err != nil {
			return "", err
		}
		return "NOT (" + s + ")", nil
	})
}

func buildCondition(b *exprBuilder, c Condition) (string, error) {
	if c == nil {
		return "", invalid("nil condition")
	}
	return c.build(b)
}

// conditionExpr builds an optional condition into an expression.
func conditionExpr(b *exprBuilder, c Condition) (*string, error) {
	if c == nil {
		return nil, nil
	}
	s, err := buildCondition(b, c)
	if err != nil {
		return nil, err
	}
	return &s, nil
}
