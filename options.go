package db

// Options are values that configure one call. Each kind of call takes its
// own option interface, so an option that does not apply to a call does not
// compile there.

// GetOption configures Get.
type GetOption interface{ applyGet(*getOptions) }

// PutOption configures Put and Insert, and PutArg and InsertArg in a
// transaction.
type PutOption interface{ applyPut(*writeOptions) }

// DeleteOption configures Delete, and DeleteArg in a transaction.
type DeleteOption interface{ applyDelete(*writeOptions) }

// QueryOption configures Query, QueryIter, QueryPage and QueryPrefix.
type QueryOption interface{ applyQuery(*listOptions) }

// CountOption configures Count: the options of a query that change which
// items it selects, or how it reads them.
type CountOption interface{ applyCount(*listOptions) }

// ScanOption configures Scan, ScanIter and ScanPage.
type ScanOption interface{ applyScan(*listOptions) }

// ScanCountOption configures ScanCount: the options of a scan that change
// which items it selects, or how it reads them.
type ScanCountOption interface{ applyScanCount(*listOptions) }

// ListOption is an option of queries, scans and their counts.
type ListOption interface {
	QueryOption
	CountOption
	ScanOption
	ScanCountOption
}

// ItemsOption is an option of the queries and scans that return items,
// but not of their counts.
type ItemsOption interface {
	QueryOption
	ScanOption
}

type getOptions struct {
	consistent bool
	projection []string
}

// listOptions configure queries and scans.
type listOptions struct {
	index      Index
	consistent bool
	projection []string
	sortKey    *sortCondition
	filter     Condition
	limit      int
	pageSize   int
	reverse    bool
	cursor     string
	segments   int
	count      bool
}

// ReadOption is an option of every read: Get, BatchGet, queries, scans
// and their counts.
type ReadOption interface {
	GetOption
	BatchGetOption
	ListOption
}

// ProjectOption is an option of the reads that return items: Get,
// BatchGet, queries and scans.
type ProjectOption interface {
	GetOption
	BatchGetOption
	ItemsOption
}

type consistentRead struct{}

func (consistentRead) applyGet(o *getOptions)        { o.consistent = true }
func (consistentRead) applyQuery(o *listOptions)     { o.consistent = true }
func (consistentRead) applyCount(o *listOptions)     { o.consistent = true }
func (consistentRead) applyScan(o *listOptions)      { o.consistent = true }
func (consistentRead) applyScanCount(o *listOptions) { o.consistent = true }

// ConsistentRead makes a read strongly consistent: it sees every write that
// succeeded before it. Global secondary indexes do not support it.
func ConsistentRead() ReadOption { return consistentRead{} }

type projection []string

func (p projection) applyGet(o *getOptions)    { o.projection = append(o.projection, p...) }
func (p projection) applyQuery(o *listOptions) { o.projection = append(o.projection, p...) }
func (p projection) applyScan(o *listOptions)  { o.projection = append(o.projection, p...) }

// Project reads only the attributes at the given document paths of each
// item, as "name", "address.city" or "tags[0]" (see Path).
func Project(attrs ...string) ProjectOption { return projection(attrs) }

type attrsOption struct{ v any }

func (a attrsOption) applyPut(o *writeOptions) { o.attrs = a.v }

// Attrs gives the item's attributes other than its key: an Item, a
// map[string]any, or a struct, which is encoded as the SDK's attributevalue
// package encodes it.
func Attrs(v any) PutOption { return attrsOption{v} }

type listOption func(*listOptions)

func (f listOption) applyQuery(o *listOptions)     { f(o) }
func (f listOption) applyCount(o *listOptions)     { f(o) }
func (f listOption) applyScan(o *listOptions)      { f(o) }
func (f listOption) applyScanCount(o *listOptions) { f(o) }

type itemsOption func(*listOptions)

func (f itemsOption) applyQuery(o *listOptions) { f(o) }
func (f itemsOption) applyScan(o *listOptions)  { f(o) }

// OnIndex reads the given index of the table instead of its primary key.
// The partition key and sort-key conditions of a query are then values of
// the index's key attributes.
func OnIndex(x Index) ListOption { return listOption(func(o *listOptions) { o.index = x }) }

// Limit makes a listing return at most n items in all, and a count count
// at most n; n <= 0 means no limit. For a page, it is the page's size.
func Limit(n int) ListOption { return listOption(func(o *listOptions) { o.limit = n }) }

// PageSize sets how many items DynamoDB reads for each request (its Limit),
// before filtering; by default it reads up to 1 MB.
func PageSize(n int) ListOption { return listOption(func(o *listOptions) { o.pageSize = n }) }

// Filter returns only the items for which c holds. DynamoDB reads the
// other items too, and counts them against the page size and capacity.
func Filter(c Condition) ListOption { return listOption(func(o *listOptions) { o.filter = c }) }

// After resumes a listing after the position of a cursor from Page.Next:
// a page, or every item from there on. The listing must be the one that
// made the cursor, with the same index, keys, sort-key condition,
// direction, filter and projection; another is refused.
func After(cursor string) ItemsOption { return itemsOption(func(o *listOptions) { o.cursor = cursor }) }

type reverse struct{}

func (reverse) applyQuery(o *listOptions) { o.reverse = true }

// Reverse returns a query's items in descending sort-key order.
func Reverse() QueryOption { return reverse{} }

type segments int

func (n segments) applyScan(o *listOptions)      { o.segments = int(n) }
func (n segments) applyScanCount(o *listOptions) { o.segments = int(n) }

// SegmentsOption is an option of scans and their counts.
type SegmentsOption interface {
	ScanOption
	ScanCountOption
}

// Segments makes a scan read n segments of the table in parallel, each in
// a goroutine of its own; 1 to 1,000,000.
func Segments(n int) SegmentsOption { return segments(n) }

// WriteOption is an option for Put, Insert, Update and Delete.
type WriteOption interface {
	PutOption
	DeleteOption
	UpdateOption
}

type conditionOption struct{ c Condition }

func (c conditionOption) applyPut(o *writeOptions)    { o.condition = c.c }
func (c conditionOption) applyDelete(o *writeOptions) { o.condition = c.c }
func (c conditionOption) applyUpdate(o *writeOptions) { o.condition = c.c }

// If makes a write happen only when the condition holds for the item as it
// is before the write; otherwise the write fails with ErrConditionFailed.
func If(c Condition) WriteOption { return conditionOption{c} }
