package local

// An engine of New keeps each table's point-in-time recovery log in
// memory, within a budget of bytes: the recovery period alone would let
// it grow with 35 days of writes. Past the budget its oldest changes are
// folded into the log's base, as changes older than the period are, and
// the earliest restorable time moves up to the last of them. An engine
// of Open keeps the log in its data file and none of it in memory.

// DefaultRecoveryMemory is the memory each table's point-in-time recovery
// log keeps its changes in, unless WithRecoveryMemory says otherwise:
// 64 MiB, hundreds of thousands of changes of small items.
const DefaultRecoveryMemory = 64 << 20

// recoveryChangeOverhead is what a change costs in memory besides its
// encoding, as the budget counts it: its slice header (24 bytes), rounded
// up for the slack of the slice holding it.
const recoveryChangeOverhead = 32

// WithRecoveryMemory bounds the memory each table's point-in-time
// recovery log keeps its changes in to n bytes: the length of each
// change's encoding (its key and new item, as the data file keeps them)
// plus 32 bytes. n ≤ 0 means DefaultRecoveryMemory.
//
// It bounds the engine of New, which has nowhere else to keep the log:
// when a write takes a table's log past n, its oldest changes are folded
// into the copy of the table the log starts from, as changes older than
// the recovery period are, so that the earliest restorable time
// (EarliestRestorableDateTime) moves up to the time of the last change
// folded. Restores to that time or later are exact. The engine of Open
// keeps the log in its data file for the whole recovery period, and
// none of it in memory, whatever n is.
func WithRecoveryMemory(n int64) Option {
	return func(o *options) { o.recoveryBytes = n }
}

// recoveryBudget returns the bytes each recovery log may keep in memory.
func (e *Engine) recoveryBudget() int64 {
	if e.opts.recoveryBytes <= 0 {
		return DefaultRecoveryMemory
	}
	return e.opts.recoveryBytes
}

// changeCost returns the memory an encoded change holds, as the budget
// counts it.
func changeCost(rec []byte) int64 { return int64(len(rec)) + recoveryChangeOverhead }

// overBudget returns how many of the log's oldest changes to fold for it
// to keep at most its budget.
func (p *pitrLog) overBudget() int {
	over, n := p.held-p.budget, 0
	for ; over > 0 && n < len(p.log); n++ {
		over -= changeCost(p.log[n])
	}
	return n
}
