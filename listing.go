package db

import (
	"context"
	"iter"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go/middleware"
)

// listing is a query or a scan, checked and built: the reader of each of
// its segments, its options, and the function that computes its
// fingerprint, which binds its cursors: a hash of the request, made only
// for a listing that reads or writes a cursor.
type listing struct {
	t       *Table
	o       *listOptions
	readers []pageReader
	id      func() []byte
}

// rawPage is what one request of a query or a scan returns: its items as
// the SDK decoded them or, when the request asked for them and the
// library could read them, as Items read from the response (wire; see
// wire.go).
type rawPage struct {
	items []map[string]types.AttributeValue
	wire  []Item
	count int
	last  map[string]types.AttributeValue
}

// len returns how many items the page holds.
func (p rawPage) len() int { return max(len(p.items), len(p.wire)) }

// truncate keeps the page's first n items.
func (p *rawPage) truncate(n int) {
	p.items = p.items[:min(n, len(p.items))]
	if p.wire != nil {
		p.wire = p.wire[:min(n, len(p.wire))]
	}
}

// pageReader sends one request of a listing, starting after start, reading
// at most limit items (0: as many as fit in a DynamoDB page), asking for
// the items as Items when wire is set.
type pageReader func(ctx context.Context, start map[string]types.AttributeValue, limit int, wire bool) (rawPage, error)

// pageOf returns the page of an SDK call's items, and of the Items the
// library read from its response (wire.go), if any.
func pageOf(items []map[string]types.AttributeValue, count int32, last map[string]types.AttributeValue, md middleware.Metadata) rawPage {
	p := rawPage{items: items, count: int(count), last: last}
	if wire, ok := wireItemsOf(md); ok {
		p.items, p.wire = nil, wire
	}
	return p
}

// sdkOptions returns the options of a listing's SDK call.
func sdkOptions(wire bool) []func(*dynamodb.Options) {
	if wire {
		return []func(*dynamodb.Options){withWireItems}
	}
	return nil
}

// gather applies options of one kind to the options of a listing.
func gather[O any](t *Table, opts []O, apply func(O, *listOptions)) *listOptions {
	o := &listOptions{index: t.primaryIdx}
	for _, opt := range opts {
		if any(opt) != nil {
			apply(opt, o)
		}
	}
	return o
}

// start returns the key that the listing's cursor resumes after, nil
// without a cursor.
func (l *listing) start() (map[string]types.AttributeValue, error) {
	switch {
	case l.o.cursor == "":
		return nil, nil
	case len(l.readers) > 1:
		return nil, invalid("a cursor resumes a listing of one segment, not a parallel scan")
	}
	return l.t.decodeCursor(l.id(), l.o.cursor)
}

// readPages reads pages from start until the listing ends, the limit of
// items was read, or each returns false. It returns the key to resume
// after, nil when the listing ended.
func readPages(ctx context.Context, read pageReader, start map[string]types.AttributeValue, limit, pageSize int, wire bool,
	each func(rawPage) bool) (map[string]types.AttributeValue, error) {
	n := 0
	for {
		size := pageSize
		if limit > 0 && (size <= 0 || limit-n < size) {
			size = limit - n
		}
		page, err := read(ctx, start, size, wire)
		if err != nil {
			return nil, err
		}
		n += page.count
		start = page.last
		if !each(page) || len(start) == 0 || (limit > 0 && n >= limit) {
			return start, nil
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
}

// listIter runs a listing as an iterator of items decoded by dec.
func listIter[T any](ctx context.Context, prepare func() (*listing, error), dec decoder[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		l, err := prepare()
		if err == nil && len(l.readers) > 1 {
			parallelScan(ctx, l, dec, yield)
			return
		}
		var start map[string]types.AttributeValue
		if err == nil {
			start, err = l.start()
		}
		if err == nil {
			_, err = readPages(ctx, l.readers[0], start, l.o.limit, l.o.pageSize, dec.wire != nil,
				func(p rawPage) bool { return decodePage(p, dec, yield) })
		}
		if err != nil {
			yield(zero[T](), err)
		}
	}
}

// page reads one page of a listing.
func page[T any](ctx context.Context, l *listing, dec decoder[T]) (Page[T], error) {
	if len(l.readers) > 1 {
		return Page[T]{}, invalid("a page is read from one segment; use ScanIter for a parallel scan")
	}
	start, err := l.start()
	if err != nil {
		return Page[T]{}, err
	}
	var p Page[T]
	var decodeErr error
	last, err := readPages(ctx, l.readers[0], start, l.o.limit, l.o.pageSize, dec.wire != nil, func(raw rawPage) bool {
		decodePage(raw, dec, func(item T, err error) bool {
			p.Items, decodeErr = append(p.Items, item), err
			return err == nil
		})
		// Without a limit, a page is one of DynamoDB's.
		return decodeErr == nil && l.o.limit > 0
	})
	if err == nil {
		err = decodeErr
	}
	if err != nil {
		return Page[T]{}, err
	}
	if len(last) > 0 {
		p.Next, err = l.t.encodeCursor(l.id(), last)
	}
	return p, err
}

// count adds up the counts of the pages of every segment of a listing,
// up to its limit.
func (l *listing) count(ctx context.Context) (int, error) {
	total := 0
	for _, read := range l.readers {
		left := 0
		if l.o.limit > 0 {
			if left = l.o.limit - total; left <= 0 {
				break
			}
		}
		_, err := readPages(ctx, read, nil, left, l.o.pageSize, false, func(p rawPage) bool { total += p.count; return true })
		if err != nil {
			return 0, err
		}
	}
	return total, nil
}

// collect reads a whole iteration into a slice.
func collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var items []T
	for item, err := range seq {
		if err != nil {
			return nil, err
		}
		items = append(items, item)
	}
	return items, nil
}

func boolPtr(b bool) *bool { return &b }

func int32OrNil(n int) *int32 {
	if n <= 0 {
		return nil
	}
	v := int32(min(n, 1<<31-1))
	return &v
}
