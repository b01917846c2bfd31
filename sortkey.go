package db

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
// selects every sort key.
func (c *sortCondition) build(b *exprBuilder, f KeyFormat, x Index) (string, error) {
	if x.SortKey == "" {
		return "", invalid("index %s has no sort key to query by", x)
	}
	n := b.name(x.SortKey)
	if c.prefix != nil {
		p, err := f.renderPrefix(*c.prefix, x.SortKeyType)
		if p == nil || err != nil {
			return "", err
		}
		return "begins_with(" + n + ", " + b.attrValue(p) + ")", nil
	}
	vs := make([]string, len(c.keys))
	for i, k := range c.keys {
		av, err := f.render(k, "sort key", x.SortKeyType, maxSortKeyBytes)
		if err != nil {
			return "", err
		}
		vs[i] = b.attrValue(av)
	}
	if c.op == "BETWEEN" {
		return n + " BETWEEN " + vs[0] + " AND " + vs[1], nil
	}
	return n + " " + c.op + " " + vs[0], nil
}
