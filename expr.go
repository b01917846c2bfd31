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

// value returns the placeholder of a value.
func (b *exprBuilder) value(v any) (string, error) {
	av, err := encodeValue(v)
	if err != nil {
		return "", err
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

// projection returns a projection expression of the given attributes.
func (b *exprBuilder) projection(attrs []string) (*string, error) {
	if len(attrs) == 0 {
		return nil, nil
	}
	ps := make([]string, len(attrs))
	for i, a := range attrs {
		if a == "" {
			return nil, invalid("projection: empty attribute name")
		}
		ps[i] = b.name(a)
	}
	s := strings.Join(ps, ", ")
	return &s, nil
}

// namesOrNil and valuesOrNil give the SDK nil rather than an empty map,
// which DynamoDB refuses.
func (b *exprBuilder) namesOrNil() map[string]string { return b.names }

func (b *exprBuilder) valuesOrNil() map[string]types.AttributeValue { return b.values }

// Condition is a test of an item's attributes, for conditional writes and
// condition checks in transactions. Make one with Exists, NotExists, Eq, Ne,
// Lt, Le, Gt, Ge, BeginsWith, And, Or and Not.
type Condition interface {
	build(b *exprBuilder) (string, error)
}

type condFunc func(b *exprBuilder) (string, error)

func (f condFunc) build(b *exprBuilder) (string, error) { return f(b) }

func checkAttr(attr string) error {
	if attr == "" {
		return invalid("condition: empty attribute name")
	}
	return nil
}

// Exists holds when the item has the attribute. Exists of the partition key
// attribute holds when the item exists.
func Exists(attr string) Condition { return function("attribute_exists", attr) }

// NotExists holds when the item lacks the attribute. NotExists of the
// partition key attribute holds when there is no item with the key.
func NotExists(attr string) Condition { return function("attribute_not_exists", attr) }

func function(fn, attr string) Condition {
	return condFunc(func(b *exprBuilder) (string, error) {
		if err := checkAttr(attr); err != nil {
			return "", err
		}
		return fn + "(" + b.name(attr) + ")", nil
	})
}

// Eq holds when the attribute equals v.
func Eq(attr string, v any) Condition { return compare(attr, "=", v) }

// Ne holds when the attribute does not equal v, also when it is missing.
func Ne(attr string, v any) Condition { return compare(attr, "<>", v) }

// Lt holds when the attribute is less than v.
func Lt(attr string, v any) Condition { return compare(attr, "<", v) }

// Le holds when the attribute is less than or equal to v.
func Le(attr string, v any) Condition { return compare(attr, "<=", v) }

// Gt holds when the attribute is greater than v.
func Gt(attr string, v any) Condition { return compare(attr, ">", v) }

// Ge holds when the attribute is greater than or equal to v.
func Ge(attr string, v any) Condition { return compare(attr, ">=", v) }

func compare(attr, op string, v any) Condition {
	return condFunc(func(b *exprBuilder) (string, error) {
		if err := checkAttr(attr); err != nil {
			return "", err
		}
		p, err := b.value(v)
		if err != nil {
			return "", fmt.Errorf("condition on %q: %w", attr, err)
		}
		return b.name(attr) + " " + op + " " + p, nil
	})
}

// BeginsWith holds when the attribute is a string that begins with prefix.
func BeginsWith(attr, prefix string) Condition {
	return condFunc(func(b *exprBuilder) (string, error) {
		if err := checkAttr(attr); err != nil {
			return "", err
		}
		return "begins_with(" + b.name(attr) + ", " + b.attrValue(&types.AttributeValueMemberS{Value: prefix}) + ")", nil
	})
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

// sortCondition is a condition on the sort key of a query.
type sortCondition struct {
	op     string // "=", "<", "<=", ">", ">=", "BETWEEN", "begins_with"
	keys   []key
	prefix *PrefixSortKey
}

func (c *sortCondition) applyQuery(o *queryOptions) { o.sortKey = c }

// SortKeyEq selects the items whose sort key equals sk.
func SortKeyEq(sk SortKey) QueryOption { return &sortCondition{op: "=", keys: []key{sk.key}} }

// SortKeyLt selects the items whose sort key is less than sk.
func SortKeyLt(sk SortKey) QueryOption { return &sortCondition{op: "<", keys: []key{sk.key}} }

// SortKeyLe selects the items whose sort key is less than or equal to sk.
func SortKeyLe(sk SortKey) QueryOption { return &sortCondition{op: "<=", keys: []key{sk.key}} }

// SortKeyGt selects the items whose sort key is greater than sk.
func SortKeyGt(sk SortKey) QueryOption { return &sortCondition{op: ">", keys: []key{sk.key}} }

// SortKeyGe selects the items whose sort key is greater than or equal to sk.
func SortKeyGe(sk SortKey) QueryOption { return &sortCondition{op: ">=", keys: []key{sk.key}} }

// SortKeyBetween selects the items whose sort key is from lo to hi, both included.
func SortKeyBetween(lo, hi SortKey) QueryOption {
	return &sortCondition{op: "BETWEEN", keys: []key{lo.key, hi.key}}
}

// SortKeyBeginsWith selects the items whose sort key begins with the prefix.
func SortKeyBeginsWith(p PrefixSortKey) QueryOption {
	return &sortCondition{op: "begins_with", prefix: &p}
}

// build writes the condition on the sort key attribute attr.
func (c *sortCondition) build(b *exprBuilder, f KeyFormat, attr string) (string, error) {
	n := b.name(attr)
	if c.prefix != nil {
		p, err := f.renderPrefix(*c.prefix)
		if err != nil {
			return "", err
		}
		return "begins_with(" + n + ", " + b.attrValue(&types.AttributeValueMemberS{Value: p}) + ")", nil
	}
	vs := make([]string, len(c.keys))
	for i, k := range c.keys {
		s, err := f.render(k, "sort key", maxSortKeyBytes)
		if err != nil {
			return "", err
		}
		vs[i] = b.attrValue(&types.AttributeValueMemberS{Value: s})
	}
	if c.op == "BETWEEN" {
		return n + " BETWEEN " + vs[0] + " AND " + vs[1], nil
	}
	return n + " " + c.op + " " + vs[0], nil
}
