package local

import (
	"context"
	"slices"
	"time"

	"github.com/dokklib/db/internal/ddbtype"
)

// injectFaults applies the faults matching a request to operation op:
// it waits out their latency, returns their error, or sets the request's
// leave function for Unprocessed faults.
func (e *Engine) injectFaults(ctx context.Context, op string, r *request) error {
	if !e.faults.active.Load() {
		return nil
	}
	p := e.faults.draw(op, e.requestTargets(op, r.body))
	r.leave = p.leave
	if p.delay > 0 {
		t := time.NewTimer(p.delay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return p.err
}

// faultPlan is what the faults do to one request.
type faultPlan struct {
	delay time.Duration                   // the sum of the faults' latencies
	err   error                           // the first fault's error
	leave func(string, ddbtype.Item) bool // which batch items to leave unprocessed; nil for none
}

// draw decides which faults apply to a request to op touching targets.
func (fs *Faults) draw(op string, targets []target) faultPlan {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	var p faultPlan
	var unprocessed []*faultRule
	for _, r := range slices.Clone(fs.rules) {
		if r.Op != "" && r.Op != op {
			continue
		}
		if r.Unprocessed {
			unprocessed = append(unprocessed, r)
			continue
		}
		if !slices.ContainsFunc(targets, r.matches) || !fs.fire(r) {
			continue
		}
		p.delay += r.Latency
		if p.err == nil && r.Err != nil {
			p.err = r.injected(op, targets)
		}
	}
	if len(unprocessed) > 0 && (op == "BatchWriteItem" || op == "BatchGetItem") {
		p.leave = func(table string, item ddbtype.Item) bool {
			return fs.leave(unprocessed, target{table: table, item: item})
		}
	}
	return p
}

// leave decides whether one batch item is left unprocessed by one of
// rules.
func (fs *Faults) leave(rules []*faultRule, t target) bool {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for _, r := range rules {
		if slices.Contains(fs.rules, r) && r.matches(t) && fs.fire(r) {
			return true
		}
	}
	return false
}

// injected returns the error the rule injects in a request to op: for a
// transaction conflict in a transaction, its cancellation with the
// matching items' reason TransactionConflict.
func (r *faultRule) injected(op string, targets []target) error {
	if r.Err != ErrTransactionConflict || (op != "TransactWriteItems" && op != "TransactGetItems") {
		return r.Err
	}
	reasons := make([]cancellationReason, len(targets))
	for i, t := range targets {
		reasons[i] = cancellationReason{code: reasonNone}
		if r.matches(t) {
			reasons[i] = cancellationReason{code: "TransactionConflict", msg: msgTransactionConflict}
		}
	}
	return canceledErr(reasons)
}
