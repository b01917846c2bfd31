package db

import "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

// sortCondition is a condition on the sort key of a query.
type sortCondition struct {
	op     string // "=", "<", "<=", ">", ">=", "BETWEEN", "begins_with"
	keys   []key
	prefix *PrefixSortKey
}

func (c *sortCondition) applyQuery(o *listOptions) { o.sortKey = c }

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
