package db

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"time"
)

// run sends the items at positions 0 to n-1 in chunks of at most size, and
// returns the positions not processed, in order, with the cause. send sends
// one request and returns the positions DynamoDB left unprocessed.
func (o batchOptions) run(ctx context.Context, n, size int, send func(context.Context, []int) ([]int, error)) ([]int, error) {
	r := &batchRun{o: o, send: send, stop: make(chan struct{})}
	r.start(ctx, chunks(n, size))
	slices.Sort(r.failed)
	return r.failed, r.cause
}

// chunks splits the positions 0 to n-1 in chunks of at most size.
func chunks(n, size int) [][]int {
	var out [][]int
	for lo := 0; lo < n; lo += size {
		c := make([]int, min(size, n-lo))
		for i := range c {
			c[i] = lo + i
		}
		out = append(out, c)
	}
	return out
}

// batchRun is one run of a batch: its chunks run by o.concurrency workers
// until done or until one fails, which stops the others.
type batchRun struct {
	o    batchOptions
	send func(context.Context, []int) ([]int, error)
	stop chan struct{} // closed when cause is set

	mu     sync.Mutex
	failed []int
	cause  error
}

func (r *batchRun) start(ctx context.Context, chunks [][]int) {
	work := make(chan []int)
	var wg sync.WaitGroup
	for range min(r.o.concurrency, len(chunks)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range work {
				r.fail(r.chunk(ctx, c))
			}
		}()
	}
	for _, c := range chunks {
		select {
		case work <- c:
		case <-r.stop:
			r.fail(c, errStopped)
		}
	}
	close(work)
	wg.Wait()
}

// fail records positions not processed; the first error is the cause and
// stops the run.
func (r *batchRun) fail(pending []int, err error) {
	if err == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.failed = append(r.failed, pending...)
	if r.cause == nil {
		r.cause = err
		close(r.stop)
	}
}

// chunk sends a chunk until DynamoDB has processed all of it, and returns
// what it could not get processed, with the reason.
func (r *batchRun) chunk(ctx context.Context, pending []int) ([]int, error) {
	for attempt := 1; ; attempt++ {
		if err := r.halted(ctx); err != nil {
			return pending, err
		}
		left, err := r.send(ctx, pending)
		if err != nil {
			return pending, err
		}
		if len(left) == 0 {
			return nil, nil
		}
		pending = left
		if attempt >= r.o.attempts {
			return pending, fmt.Errorf("%w after %d attempts", ErrUnprocessed, attempt)
		}
		if err := r.wait(ctx, r.o.delay(attempt)); err != nil {
			return pending, err
		}
	}
}

func (r *batchRun) halted(ctx context.Context) error {
	select {
	case <-r.stop:
		return errStopped
	default:
		return ctx.Err()
	}
}

func (r *batchRun) wait(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-r.stop:
		return errStopped
	case <-timer.C:
		return nil
	}
}

// delay returns the wait before retry number attempt: a random time below
// base doubled attempt-1 times, but below max.
func (o batchOptions) delay(attempt int) time.Duration {
	ceil := o.base
	for i := 1; i < attempt; i++ {
		if ceil > o.max/2 {
			ceil = o.max
			break
		}
		ceil *= 2
	}
	return rand.N(min(ceil, o.max))
}
