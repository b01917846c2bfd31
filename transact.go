package db

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// MaxTransactItems is the most items DynamoDB takes in one transaction.
const MaxTransactItems = 100

// TransactArg is one write of a transaction, made with InsertArg, PutArg,
// UpdateArg, DeleteArg or ConditionCheck, or the transaction's
// IdempotencyToken.
type TransactArg interface {
	// transactWrites builds the writes for table t, stamped with now;
	// none for a token.
	transactWrites(t *Table, now time.Time) ([]*itemWrite, error)
}

// writeArg is a write of a transaction.
type writeArg struct {
	key   Key
	kind  writeKind
	apply func(*writeOptions)
}

func (a *writeArg) transactWrites(t *Table, now time.Time) ([]*itemWrite, error) {
	o := writeOptions{now: now}
	a.apply(&o)
	if o.ret.rv != "" {
		return nil, invalid("writes in a transaction return nothing: use ReturnItemOnFailure")
	}
	if a.kind == kindCheck && o.condition == nil {
		return nil, invalid("condition check without a condition")
	}
	w, err := t.write(a.kind, a.key.PK, a.key.SK, &o)
	return []*itemWrite{w}, err
}

// PutArg writes an item in a transaction, replacing any item with its key.
func PutArg(pk PartitionKey, sk SortKey, opts ...PutOption) TransactArg {
	return &writeArg{KeyOf(pk, sk), kindPut, putOptions(opts)}
}

// InsertArg writes an item in a transaction if there is no item with its
// key; otherwise the transaction is cancelled, and its error wraps ErrExists.
func InsertArg(pk PartitionKey, sk SortKey, opts ...PutOption) TransactArg {
	return &writeArg{KeyOf(pk, sk), kindInsert, putOptions(opts)}
}

func putOptions(opts []PutOption) func(*writeOptions) {
	return func(o *writeOptions) {
		for _, opt := range opts {
			opt.applyPut(o)
		}
	}
}

// UpdateArg updates an item in a transaction, as Table.Update does.
func UpdateArg(pk PartitionKey, sk SortKey, opts ...UpdateOption) TransactArg {
	return &writeArg{KeyOf(pk, sk), kindUpdate, func(o *writeOptions) {
		for _, opt := range opts {
			opt.applyUpdate(o)
		}
	}}
}

// DeleteArg deletes an item in a transaction.
func DeleteArg(pk PartitionKey, sk SortKey, opts ...DeleteOption) TransactArg {
	return &writeArg{KeyOf(pk, sk), kindDelete, func(o *writeOptions) {
		for _, opt := range opts {
			opt.applyDelete(o)
		}
	}}
}

// CheckOption configures a ConditionCheck.
type CheckOption interface{ applyCheck(*writeOptions) }

// ConditionCheck makes a transaction happen only if the condition holds for
// the item with the given key; it writes nothing. With ReturnItemOnFailure,
// a failed check reports the item in its CancellationReason.
func ConditionCheck(pk PartitionKey, sk SortKey, c Condition, opts ...CheckOption) TransactArg {
	return &writeArg{KeyOf(pk, sk), kindCheck, func(o *writeOptions) {
		o.condition = c
		for _, opt := range opts {
			opt.applyCheck(o)
		}
	}}
}

// tokenArg is a transaction's idempotency token.
type tokenArg string

func (tokenArg) transactWrites(*Table, time.Time) ([]*itemWrite, error) { return nil, nil }

// IdempotencyToken makes a transaction idempotent: for ten minutes,
// DynamoDB answers a repeat of the transaction with the same token and the
// same writes with success, and does not write again. A token is 1 to 36
// characters. Without one, the SDK sets a token of its own for its retries.
//
// The table stamps every write of the transaction (CreatedAt, UpdatedAt)
// with the time the token was first used, for ten minutes, so that a
// retry through the same Table is the same request. A retry from another
// process sends other stamps, which DynamoDB refuses as a different
// transaction: there, give the stamps in the writes, or make the table
// WithoutTimestamps.
func IdempotencyToken(token string) TransactArg { return tokenArg(token) }

// TransactWrite makes all the writes or none, atomically. It takes 1 to
// MaxTransactItems writes, at most one for each key, and optionally an
// IdempotencyToken. When DynamoDB cancels the transaction, the error is a
// *TransactionCanceledError that says which writes failed and why; the
// index of a reason is the position of its write among args.
func (t *Table) TransactWrite(ctx context.Context, args ...TransactArg) error {
	tx, err := t.transaction(args)
	if err != nil {
		return err
	}
	return tx.send(ctx)
}

// transactionWrite is a transaction built for the service: its request,
// and for each of its items, the write it came from and the position of
// that write's argument among the caller's.
type transactionWrite struct {
	t         *Table
	in        *dynamodb.TransactWriteItemsInput
	writes    []*itemWrite
	positions []int
}

func (tx *transactionWrite) send(ctx context.Context) error {
	if _, err := tx.t.client.TransactWriteItems(ctx, tx.in); err != nil {
		return transactionError("transaction", err, func(i int) int { return tx.positions[i] },
			func(i int, old map[string]types.AttributeValue) error { return tx.writes[i].failed(old) })
	}
	return nil
}

// transaction checks and builds a transaction.
func (t *Table) transaction(args []TransactArg) (*transactionWrite, error) {
	tx := &transactionWrite{t: t, in: &dynamodb.TransactWriteItemsInput{}}
	for _, a := range args {
		if tok, ok := a.(tokenArg); ok {
			if len(tok) < 1 || len(tok) > 36 || tx.in.ClientRequestToken != nil {
				return nil, invalid("a transaction takes one idempotency token of 1 to 36 characters")
			}
			tx.in.ClientRequestToken = aws.String(string(tok))
		}
	}
	now := t.now()
	if tx.in.ClientRequestToken != nil {
		now = t.tokens.stamp(*tx.in.ClientRequestToken, now)
	}
	keys := t.newPositions(len(args))
	for i, a := range args {
		if _, ok := a.(tokenArg); ok {
			continue
		}
		if a == nil {
			return nil, invalid("transaction item %d is nil", i)
		}
		ws, err := a.transactWrites(t, now)
		if err != nil {
			return nil, fmt.Errorf("db: transaction item %d: %w", i, err)
		}
		for _, w := range ws {
			if err := keys.add(w.key, i, "transaction"); err != nil {
				return nil, err
			}
			tx.in.TransactItems = append(tx.in.TransactItems, w.transactItem())
			tx.writes = append(tx.writes, w)
			tx.positions = append(tx.positions, i)
		}
	}
	if n := len(tx.in.TransactItems); n == 0 || n > MaxTransactItems {
		return nil, invalid("a transaction takes 1 to %d items, not %d", MaxTransactItems, n)
	}
	return tx, nil
}
