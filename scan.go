package db

import (
	"context"
	"fmt"
	"iter"
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
	return scanIter(ctx, t, opts, itemDecoder)
}

func scanIter[T any](ctx context.Context, t *Table, opts []ScanOption, dec decoder[T]) iter.Seq2[T, error] {
	return listIter(ctx, func() (*listing, error) { return t.scan(gather(t, opts, ScanOption.applyScan)) }, dec)
}

// ScanPage returns one page of a scan after the cursor given with After, and
// the cursor of the next page. It reads one segment: Segments is refused.
func (t *Table) ScanPage(ctx context.Context, opts ...ScanOption) (Page[Item], error) {
	return scanPage(ctx, t, opts, itemDecoder)
}

func scanPage[T any](ctx context.Context, t *Table, opts []ScanOption, dec decoder[T]) (Page[T], error) {
	l, err := t.scan(gather(t, opts, ScanOption.applyScan))
	if err != nil {
		return Page[T]{}, err
	}
	return page(ctx, l, dec)
}

// ScanCount returns how many items a scan selects, up to Limit.
func (t *Table) ScanCount(ctx context.Context, opts ...ScanCountOption) (int, error) {
	o := gather(t, opts, ScanCountOption.applyScanCount)
	o.count = true
	l, err := t.scan(o)
	if err != nil {
		return 0, err
	}
	return l.count(ctx)
}

// scan checks and builds a scan, with a reader for each segment.
func (t *Table) scan(o *listOptions) (*listing, error) {
	if err := t.Err(); err != nil {
		return nil, err
	}
	x, err := t.findIndex(o.index)
	if err != nil {
		return nil, err
	}
	if o.segments < 0 || o.segments > MaxSegments {
		return nil, invalid("a scan has 1 to %d segments, not %d", MaxSegments, o.segments)
	}
	var b exprBuilder
	in := &dynamodb.ScanInput{TableName: &t.name, IndexName: x.nameOrNil(), ConsistentRead: boolOrNil(o.consistent)}
	if in.ProjectionExpression, in.FilterExpression, err = listExprs(&b, o); err != nil {
		return nil, err
	}
	if o.count {
		in.Select = types.SelectCount
	}
	in.ExpressionAttributeNames, in.ExpressionAttributeValues = b.namesOrNil(), b.valuesOrNil()
	n := max(o.segments, 1)
	l := &listing{t: t, o: o, readers: make([]pageReader, n), id: func() []byte { return scanID(in) }}
	for i := range n {
		seg, op := *in, "scan"
		if n > 1 {
			seg.Segment, seg.TotalSegments = aws.Int32(int32(i)), aws.Int32(int32(n))
			op = fmt.Sprintf("scan segment %d of %d", i, n)
		}
		l.readers[i] = t.scanPages(&seg, op)
	}
	return l, nil
}

func (t *Table) scanPages(in *dynamodb.ScanInput, op string) pageReader {
	return func(ctx context.Context, start map[string]types.AttributeValue, limit int, wire bool) (rawPage, error) {
		req := *in
		req.ExclusiveStartKey, req.Limit = start, int32OrNil(limit)
		out, err := t.client.Scan(ctx, &req, sdkOptions(wire)...)
		if err != nil {
			return rawPage{}, readError(op, err)
		}
		return pageOf(out.Items, out.Count, out.LastEvaluatedKey, out.ResultMetadata), nil
	}
}

// parallelScan reads every segment in a goroutine of its own and yields
// their items as they come, up to the limit. When the loop stops or a
// segment fails, it cancels the others and waits for them before returning.
func parallelScan[T any](ctx context.Context, l *listing, dec decoder[T], yield func(T, error) bool) {
	if l.o.cursor != "" {
		_, err := l.start()
		yield(zero[T](), err)
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pages := make(chan rawPage)
	errs := make(chan error, len(l.readers))
	var wg sync.WaitGroup
	for _, read := range l.readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := readPages(ctx, read, nil, l.o.limit, l.o.pageSize, dec.wire != nil, func(p rawPage) bool {
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
	yieldPages(ctx, pages, errs, l.o.limit, dec, yield)
}

// yieldPages yields the items of the pages that segments send, up to
// limit, then the first error of a segment, or ctx's.
func yieldPages[T any](ctx context.Context, pages <-chan rawPage, errs <-chan error, limit int, dec decoder[T], yield func(T, error) bool) {
	n := 0
	for p := range pages {
		if limit > 0 && n+p.len() > limit {
			p.truncate(limit - n)
		}
		n += p.len()
		if !decodePage(p, dec, yield) || (limit > 0 && n >= limit) {
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
