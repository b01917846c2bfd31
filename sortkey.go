package db

import (
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// sortCondition is a condition on the sort key of a query.
type sortCondition struct {
	op     string // "=", "<", "<=", ">", ">=", "BETWEEN", "begins_with"
	keys   []key
	prefix *PrefixSortKey
}

func (c *sortCondition) applyQuery(o *listOptions) { o.sortKey = c }
func (c *sortCondition) applyCount(o *listOptions) { o.sortKey = c }

// SortKeyEq selects the items whose sort key equals sk.
func SortKeyEq(sk SortKey) SortKeyCondition { return &sortCondition{op: "=", keys: []key{sk.key}} }

// SortKeyLt selects the items whose sort key is less than sk.
func SortKeyLt(sk SortKey) SortKeyCondition { return &sortCondition{op: "<", keys: []key{sk.key}} }

// SortKeyLe selects the items whose sort key is less than or equal to sk.
func SortKeyLe(sk SortKey) SortKeyCondition { return &sortCondition{op: "<=", keys: []key{sk.key}} }

// SortKeyGt selects the items whose sort key is greater than sk.
func SortKeyGt(sk SortKey) SortKeyCondition { return &sortCondition{op: ">", keys: []key{sk.key}} }

// SortKeyGe selects the items whose sort key is greater than or equal to sk.
func SortKeyGe(sk SortKey) SortKeyCondition { return &sortCondition{op: ">=", keys: []key{sk.key}} }

// SortKeyBetween selects the items whose sort key is from lo to hi, both included.
func SortKeyBetween(lo, hi SortKey) SortKeyCondition {
	return &sortCondition{op: "BETWEEN", keys: []key{lo.key, hi.key}}
}

// SortKeyBeginsWith selects the items whose sort key begins with the prefix.
func SortKeyBeginsWith(p PrefixSortKey) SortKeyCondition {
	return &sortCondition{op: "begins_with", prefix: &p}
}

// SortKeyCondition narrows a query or a count to the items whose sort key
// meets it. Make one with SortKeyEq, SortKeyBetween, SortKeyBeginsWith and
// the like.
type SortKeyCondition interface {
	QueryOption
	CountOption
}

// build writes the condition on the sort key of index x, or "" when it
// selects every sort key. On a multi-attribute sort key, the parts of the
// condition's keys before the last are equalities, the same in both keys
// of BETWEEN, and the last part has the operator.
func (c *sortCondition) build(b *exprBuilder, f KeyFormat, x Index) (string, error) {
	attrs := x.sortAttrs()
	if len(attrs) == 0 {
		return "", invalid("index %s has no sort key to query by", x)
	}
	leading, last, err := c.split(attrs)
	if err != nil {
		return "", err
	}
	conds := make([]string, 0, len(leading)+1)
	for i, k := range leading {
		v, err := f.render(k, "sort key", attrs[i].Type, maxSortKeyBytes)
		if err != nil {
			return "", err
		}
		conds = append(conds, b.name(attrs[i].Name)+" = "+b.attrValue(v))
	}
	cond, err := c.buildLast(b, f, attrs[len(leading)], last)
	if cond != "" {
		conds = append(conds, cond)
	}
	return strings.Join(conds, " AND "), err
}

// split returns the leading parts of the condition's keys, which are
// equalities, and the last part of each, which has the operator.
func (c *sortCondition) split(attrs []KeyAttribute) (leading, last []key, err error) {
	keys := c.keys
	if c.prefix != nil {
		keys = []key{c.prefix.key}
	}
	for i, k := range keys {
		if k.err != nil {
			return nil, nil, k.err
		}
		parts := k.split()
		if len(parts) > len(attrs) {
			return nil, nil, invalid("the sort key has %d attributes, not %d", len(attrs), len(parts))
		}
		if i > 0 && !slices.EqualFunc(parts[:len(parts)-1], leading, sameKey) || i > 0 && len(parts)-1 != len(leading) {
			return nil, nil, invalid("the bounds of BETWEEN must have the same leading parts")
		}
		leading = parts[:len(parts)-1]
		last = append(last, parts[len(parts)-1])
	}
	return leading, last, nil
}

func sameKey(a, b key) bool {
	return a.entity == b.entity && a.typ == b.typ && a.value == b.value && a.parts == nil && b.parts == nil
}

// buildLast writes the condition on the sort key attribute a, the last
// that the condition gives.
func (c *sortCondition) buildLast(b *exprBuilder, f KeyFormat, a KeyAttribute, last []key) (string, error) {
	n := b.name(a.Name)
	if c.prefix != nil {
		p, err := f.renderPrefix(PrefixSortKey{last[0]}, a.Type)
		if p == nil || err != nil {
			return "", err
		}
		return "begins_with(" + n + ", " + b.attrValue(p) + ")", nil
	}
	vs := make([]string, len(last))
	avs := make([]types.AttributeValue, len(last))
	for i, k := range last {
		v, err := f.render(k, "sort key", a.Type, maxSortKeyBytes)
		if err != nil {
			return "", err
		}
		vs[i], avs[i] = b.attrValue(v), v
	}
	if c.op == "BETWEEN" {
		if compareKeys(avs[0], avs[1]) > 0 {
			return "", invalid("BETWEEN %s AND %s: the low bound is above the high one", last[0], last[1])
		}
		return n + " BETWEEN " + vs[0] + " AND " + vs[1], nil
	}
	return n + " " + c.op + " " + vs[0], nil
}

// compareKeys compares two key values of one type as DynamoDB orders them:
// strings and binaries by their bytes, numbers by value.
func compareKeys(a, b types.AttributeValue) int {
	ta, sa, _ := scalar(a)
	_, sb, _ := scalar(b)
	if ta != TypeNumber {
		return strings.Compare(sa, sb)
	}
	da, errA := Number(sa).Decimal()
	db, errB := Number(sb).Decimal()
	if errA != nil || errB != nil {
		return 0 // the service reports the bad number
	}
	return da.Cmp(db)
}
