package db

import (
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// DynamoDB's limits on the items of one batch request.
const (
	maxBatchGetKeys    = 100
	maxBatchWriteItems = 25
)

// ErrUnprocessed is the cause of a *BatchError when DynamoDB still left
// items unprocessed, usually for lack of throughput, after every attempt.
var ErrUnprocessed = errors.New("db: items left unprocessed")

// errStopped ends the chunks of a batch still running after another chunk
// failed; it is never the cause reported.
var errStopped = errors.New("db: batch stopped")

// BatchError reports the part of a batch that was not processed: the keys
// BatchGet did not read, or the writes BatchWrite could not confirm, because
// DynamoDB left them unprocessed through every attempt, ctx ended, or a
// request failed. A failure stops the chunks not yet sent, and they are
// listed too. Everything not listed was processed.
type BatchError struct {
	// Keys are the keys of the items not processed, in the order given.
	Keys []Key
	// Writes are the writes not processed, in the order given, for
	// BatchWrite; give them to BatchWrite again to retry them.
	Writes []BatchWriteArg
	// Err is the cause: an error wrapping ErrUnprocessed, ctx's error, or
	// the service's error.
	Err error
}

// Error says how many items were not processed, names the first ones, and
// gives the cause.
func (e *BatchError) Error() string {
	op := "batch get"
	if len(e.Writes) > 0 {
		op = "batch write"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "db: %s: %d items not processed (", op, len(e.Keys))
	for i, k := range e.Keys[:min(len(e.Keys), 3)] {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(k.String())
	}
	if len(e.Keys) > 3 {
		b.WriteString(", ...")
	}
	fmt.Fprintf(&b, "): %v", e.Err)
	return b.String()
}

// Unwrap returns the cause.
func (e *BatchError) Unwrap() error { return e.Err }

func identity[T any](v T) T { return v }

// prepareKeys renders keys for a request, checking them and refusing
// duplicates.
func (t *Table) prepareKeys(op string, keys []Key) ([]map[string]types.AttributeValue, positions, error) {
	return prepare(t, op, len(keys), func(i int) (map[string]types.AttributeValue, error) {
		return t.keyAttrs(keys[i].PK, keys[i].SK)
	}, identity)
}

// prepare builds the n requests of an operation, checking each and refusing
// two with the same key; key returns the attributes of a request that hold
// its key.
func prepare[R any](t *Table, op string, n int, build func(i int) (R, error), key func(R) map[string]types.AttributeValue) ([]R, positions, error) {
	if t.err != nil {
		return nil, positions{}, t.err
	}
	reqs := make([]R, n)
	pos := t.newPositions(n)
	for i := range n {
		r, err := build(i)
		if err != nil {
			return nil, positions{}, fmt.Errorf("db: %s: item %d: %w", op, i, err)
		}
		if err := pos.add(key(r), i, op); err != nil {
			return nil, positions{}, err
		}
		reqs[i] = r
	}
	return reqs, pos, nil
}

// positions finds the position of an item among the caller's arguments by
// its key attributes.
type positions struct {
	pk, sk string
	at     map[[2]string]int
}

func (t *Table) newPositions(n int) positions {
	return positions{pk: t.primaryIdx.PartitionKey, sk: t.primaryIdx.SortKey, at: make(map[[2]string]int, n)}
}

func (p positions) id(av map[string]types.AttributeValue) [2]string {
	return [2]string{keyID(av[p.pk]), keyID(av[p.sk])}
}

// keyID identifies the value of a key attribute by its type and value.
func keyID(av types.AttributeValue) string {
	t, s, _ := scalar(av)
	return string(t) + ":" + s
}

func (p positions) add(av map[string]types.AttributeValue, i int, op string) error {
	id := p.id(av)
	if j, dup := p.at[id]; dup {
		return invalid("%s: items %d and %d have the same key %s %s; give each key once", op, j, i, id[0], id[1])
	}
	p.at[id] = i
	return nil
}

func (p positions) find(av map[string]types.AttributeValue) (int, error) {
	id := p.id(av)
	i, ok := p.at[id]
	if !ok {
		return 0, fmt.Errorf("db: DynamoDB answered for the key %s %s, which was not asked for", id[0], id[1])
	}
	return i, nil
}

// findAll returns the positions of the given requests or items.
func findAll[T any](p positions, items []T, key func(T) map[string]types.AttributeValue) ([]int, error) {
	at := make([]int, len(items))
	for i, it := range items {
		var err error
		if at[i], err = p.find(key(it)); err != nil {
			return nil, err
		}
	}
	return at, nil
}

// pick returns the elements of s at the given positions.
func pick[T any](s []T, at []int) []T {
	out := make([]T, len(at))
	for i, j := range at {
		out[i] = s[j]
	}
	return out
}

// compact returns the items that are not nil, in order.
func compact(items []map[string]types.AttributeValue) []map[string]types.AttributeValue {
	var out []map[string]types.AttributeValue
	for _, it := range items {
		if it != nil {
			out = append(out, it)
		}
	}
	return out
}
