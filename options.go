package db

// Options are values that configure one call. Each kind of call takes its
// own option interface, so an option that does not apply to a call does not
// compile there.

// GetOption configures Get.
type GetOption interface{ applyGet(*getOptions) }

// PutOption configures Put and Insert, and PutArg and InsertArg in a
// transaction.
type PutOption interface{ applyPut(*putOptions) }

// DeleteOption configures Delete, and DeleteArg in a transaction.
type DeleteOption interface{ applyDelete(*deleteOptions) }

// QueryOption configures Query and QueryPrefix.
type QueryOption interface{ applyQuery(*queryOptions) }

type getOptions struct {
	consistent bool
	projection []string
}

type putOptions struct {
	attrs     any
	condition Condition
	ret       returnOption
	onFail    bool
}

type deleteOptions struct {
	condition Condition
	ret       returnOption
	onFail    bool
}

type queryOptions struct {
	index      Index
	consistent bool
	projection []string
	sortKey    *sortCondition
	limit      int
	reverse    bool
}

// ReadOption is an option for both Get and Query.
type ReadOption interface {
	GetOption
	QueryOption
}

type consistentRead struct{}

func (consistentRead) applyGet(o *getOptions)     { o.consistent = true }
func (consistentRead) applyQuery(o *queryOptions) { o.consistent = true }

// ConsistentRead makes a read strongly consistent: it sees every write that
// succeeded before it. Global secondary indexes do not support it.
func ConsistentRead() ReadOption { return consistentRead{} }

type projection []string

func (p projection) applyGet(o *getOptions)     { o.projection = append(o.projection, p...) }
func (p projection) applyQuery(o *queryOptions) { o.projection = append(o.projection, p...) }

// Project reads only the named top-level attributes of each item.
func Project(attrs ...string) ReadOption { return projection(attrs) }

type attrsOption struct{ v any }

func (a attrsOption) applyPut(o *putOptions) { o.attrs = a.v }

// Attrs gives the item's attributes other than its key: an Item, a
// map[string]any, or a struct, which is encoded as the SDK's attributevalue
// package encodes it.
func Attrs(v any) PutOption { return attrsOption{v} }

type onIndex Index

func (x onIndex) applyQuery(o *queryOptions) { o.index = Index(x) }

// OnIndex runs a query on the given index of the table instead of its
// primary key. The query's partition key and sort-key conditions are then
// values of the index's key attributes.
func OnIndex(x Index) QueryOption { return onIndex(x) }

type limit int

func (n limit) applyQuery(o *queryOptions) { o.limit = int(n) }

// Limit makes a query return at most n items; n <= 0 means no limit.
func Limit(n int) QueryOption { return limit(n) }

type reverse struct{}

func (reverse) applyQuery(o *queryOptions) { o.reverse = true }

// Reverse returns a query's items in descending sort-key order.
func Reverse() QueryOption { return reverse{} }

// WriteOption is an option for Put, Insert, Update and Delete.
type WriteOption interface {
	PutOption
	DeleteOption
	UpdateOption
}

type conditionOption struct{ c Condition }

func (c conditionOption) applyPut(o *putOptions)       { o.condition = c.c }
func (c conditionOption) applyDelete(o *deleteOptions) { o.condition = c.c }
func (c conditionOption) applyUpdate(o *updateOptions) { o.condition = c.c }

// If makes a write happen only when the condition holds for the item as it
// is before the write; otherwise the write fails with ErrConditionFailed.
func If(c Condition) WriteOption { return conditionOption{c} }
