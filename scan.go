package db

import (
	"context"
	"iter"
	"strconv"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// MaxSegments is the most segments DynamoDB splits a parallel scan into.
const MaxSegments = 1_000_000

// Scan returns every item of the table, or of the index given with
// OnIndex, reading every page (up to Limit items). With Segments(n) it
// reads n segments in parallel and returns their items one segment after
// the other.
func (t *Table) Scan(ctx context.Context, opts ...ScanOption) ([]Item, error) {
	return collect(t.ScanIter(ctx, opts...))
}

// ScanIter is Scan as an iterator. It reads pages as the loop needs them,
// and stops reading when the loop stops. With Segments(n), the segments
// are read in parallel and their items come in the order they arrive.
func (t *Table) ScanIter(ctx context.Context, opts ...ScanOption) iter.Seq2[Item, error] {
	return scanIter(ctx, t, opts, decodeItem)
}

func scanIter[T any](ctx context.Context, t *Table, opts []ScanOption, dec decoder[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		readers, o, err := t.scanReaders(opts)
		if err != nil {
			yield(zero[T](), err)
			return
		}
		if len(readers) == 1 {
			listIter(ctx, func() (pageReader, *listOptions, error) { return readers[0], o, nil }, dec)(yield)
			return
		}
		parallelScan(ctx, readers, o, dec, yield)
	}
}

// ScanPage returns one page of a scan after the cursor given with After, and
// the cursor of the next page. It reads one segment: Segments is refused.
func (t *Table) ScanPage(ctx context.Context, opts ...ScanOption) (Page[Item], error) {
	return scanPage(ctx, t, opts, decodeItem)
}

func scanPage[T any](ctx context.Context, t *Table, opts []ScanOption, dec decoder[T]) (Page[T], error) {
	readers, o, err := t.scanReaders(opts)
	if err != nil {
		return Page[T]{}, err
	}
	if len(readers) > 1 {
		return Page[T]{}, invalid("ScanPage reads one segment; use ScanIter for a parallel scan")
	}
	return page(ctx, t, readers[0], o, "scan:"+o.index.Name, dec)
}

// ScanCount returns how many items a scan selects.
func (t *Table) ScanCount(ctx context.Context, opts ...ScanOption) (int, error) {
	readers, o, err := t.scanReaders(append(opts, selectCount))
	if err != nil {
		return 0, err
	}
	total := 0
	for _, read := range readers {
		n, err := count(ctx, read, o)
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

// scanReaders checks a scan and returns the page reader of each segment.
func (t *Table) scanReaders(opts []ScanOption) ([]pageReader, *listOptions, error) {
	if t.err != nil {
		return nil, nil, t.err
	}
	o := t.listOptions(nil, opts)
	x, err := t.findIndex(o.index)
	if err != nil {
		return nil, nil, err
	}
	if o.segments < 0 || o.segments > MaxSegments {
		return nil, nil, invalid("a scan has 1 to %d segments, not %d", MaxSegments, o.segments)
	}
	var b exprBuilder
	in := &dynamodb.ScanInput{TableName: &t.name, IndexName: x.nameOrNil(), ConsistentRead: boolOrNil(o.consistent)}
	if in.ProjectionExpression, in.FilterExpression, err = listExprs(&b, o); err != nil {
		return nil, nil, err
	}
	if o.count {
		in.Select = types.SelectCount
	}
	in.ExpressionAttributeNames, in.ExpressionAttributeValues = b.namesOrNil(), b.valuesOrNil()
	n := max(o.segments, 1)
	readers := make([]pageReader, n)
	for i := range n {
		seg := *in
		if n > 1 {
			seg.Segment, seg.TotalSegments = aws.Int32(int32(i)), aws.Int32(int32(n))
		}
		readers[i] = t.scanPages(&seg)
	}
	return readers, o, nil
}

func (t *Table) scanPages(in *dynamodb.ScanInput) pageReader {
	return func(ctx context.Context, start map[string]types.AttributeValue, limit int) (rawPage, error) {
		req := *in
		req.ExclusiveStartKey, req.Limit = start, int32OrNil(limit)
		out, err := t.client.Scan(ctx, &req)
		if err != nil {
			return rawPage{}, opError("scan segment "+strconv.Itoa(int(aws.ToInt32(in.Segment))), err, ErrConditionFailed)
		}
		return rawPage{items: out.Items, count: int(out.Count), last: out.LastEvaluatedKey}, nil
	}
}

// parallelScan reads every segment in a goroutine of its own and yields
// their items as they come, up to the limit. When the loop stops or a
// segment fails, it cancels the others and waits for them before returning.
func parallelScan[T any](ctx context.Context, readers []pageReader, o *listOptions, dec decoder[T], yield func(T, error) bool) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pages := make(chan rawPage)
	errs := make(chan error, len(readers))
	var wg sync.WaitGroup
	segOpts := *o
	for _, read := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := readPages(ctx, read, nil, &segOpts, func(p rawPage) bool {
				select {
				case pages <- p:
					return true
				case <-ctx.Done():
					return false
				}
			})
			if err != nil && ctx.Err() == nil {
				errs <- err
				cancel()
			}
		}()
	}
	go func() { wg.Wait(); close(pages) }()
	defer func() {
		cancel()
		for range pages { // let every segment's goroutine end
		}
	}()
	n := 0
	for p := range pages {
		if o.limit > 0 && n+len(p.items) > o.limit {
			p.items = p.items[:o.limit-n]
		}
		n += len(p.items)
		if !yieldItems(p.items, dec, yield) || (o.limit > 0 && n >= o.limit) {
			return
		}
	}
	select {
	case err := <-errs:
		yield(zero[T](), err)
	default:
		if err := ctx.Err(); err != nil {
			yield(zero[T](), err)
		}
	}
}
