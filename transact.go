package db

import (
	"context"
	"fmt"

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
	// writeItem builds the write for table t.
	writeItem(t *Table) (types.TransactWriteItem, error)
	isInsert() bool
	keys() (PartitionKey, SortKey)
}

type txKey struct {
	pk PartitionKey
	sk SortKey
}

func (k txKey) keys() (PartitionKey, SortKey) { return k.pk, k.sk }

// writeArg is a write of a transaction.
type writeArg struct {
	txKey
	kind  writeKind
	apply func(*writeOptions)
}

func (a *writeArg) isInsert() bool { return a.kind == kindInsert }

func (a *writeArg) writeItem(t *Table) (types.TransactWriteItem, error) {
	var o writeOptions
	a.apply(&o)
	if o.ret.rv != "" {
		return types.TransactWriteItem{}, invalid("writes in a transaction return nothing: use ReturnItemOnFailure")
	}
	if a.kind == kindCheck && o.condition == nil {
		return types.TransactWriteItem{}, invalid("condition check without a condition")
	}
	w, err := t.write(a.kind, a.pk, a.sk, &o)
	if err != nil {
		return types.TransactWriteItem{}, err
	}
	return w.transactItem(), nil
}

// PutArg writes an item in a transaction, replacing any item with its key.
func PutArg(pk PartitionKey, sk SortKey, opts ...PutOption) TransactArg {
	return &writeArg{txKey{pk, sk}, kindPut, putOptions(opts)}
}

// InsertArg writes an item in a transaction if there is no item with its
// key; otherwise the transaction is cancelled, and its error wraps ErrExists.
func InsertArg(pk PartitionKey, sk SortKey, opts ...PutOption) TransactArg {
	return &writeArg{txKey{pk, sk}, kindInsert, putOptions(opts)}
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
	return &writeArg{txKey{pk, sk}, kindUpdate, func(o *writeOptions) {
		for _, opt := range opts {
			opt.applyUpdate(o)
		}
	}}
}

// DeleteArg deletes an item in a transaction.
func DeleteArg(pk PartitionKey, sk SortKey, opts ...DeleteOption) TransactArg {
	return &writeArg{txKey{pk, sk}, kindDelete, func(o *writeOptions) {
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
	return &writeArg{txKey{pk, sk}, kindCheck, func(o *writeOptions) {
		o.condition = c
		for _, opt := range opts {
			opt.applyCheck(o)
		}
	}}
}

// tokenArg is a transaction's idempotency token.
type tokenArg string

func (tokenArg) isInsert() bool                { return false }
func (tokenArg) keys() (PartitionKey, SortKey) { return PartitionKey{}, SortKey{} }
func (tokenArg) writeItem(*Table) (types.TransactWriteItem, error) {
	return types.TransactWriteItem{}, nil
}

// IdempotencyToken makes a transaction idempotent: for ten minutes,
// DynamoDB answers a repeat of the transaction with the same token, from
// any client, with success and does not write again. A token is 1 to 36
// characters. Without one, the SDK sets a token of its own for its retries.
func IdempotencyToken(token string) TransactArg { return tokenArg(token) }

// TransactWrite makes all the writes or none, atomically. It takes 1 to
// MaxTransactItems writes, at most one for each key, and optionally an
// IdempotencyToken. When DynamoDB cancels the transaction, the error is a
// *TransactionCanceledError that says which writes failed and why; the
// index of a reason is the position of its write among args.
func (t *Table) TransactWrite(ctx context.Context, args ...TransactArg) error {
	in, positions, err := t.transactInput(args)
	if err != nil {
		return err
	}
	_, err = t.client.TransactWriteItems(ctx, in)
	if err != nil {
		return transactionErrorAt("transaction", err, func(i int) int { return positions[i] },
			func(i int) bool { return args[i].isInsert() })
	}
	return nil
}

// transactInput builds the request, and the position among args of each
// of its items.
func (t *Table) transactInput(args []TransactArg) (*dynamodb.TransactWriteItemsInput, []int, error) {
	in := &dynamodb.TransactWriteItemsInput{}
	positions := make([]int, 0, len(args))
	seen := make(map[[2]string]int, len(args))
	for i, a := range args {
		switch a := a.(type) {
		case nil:
			return nil, nil, invalid("transaction item %d is nil", i)
		case tokenArg:
			if len(a) < 1 || len(a) > 36 || in.ClientRequestToken != nil {
				return nil, nil, invalid("a transaction takes one idempotency token of 1 to 36 characters")
			}
			in.ClientRequestToken = aws.String(string(a))
			continue
		}
		item, err := args[i].writeItem(t)
		if err != nil {
			return nil, nil, fmt.Errorf("db: transaction item %d: %w", i, err)
		}
		pk, sk := args[i].keys()
		k := [2]string{pk.String(), sk.String()}
		if j, dup := seen[k]; dup {
			return nil, nil, invalid("transaction items %d and %d both write %s %s: DynamoDB allows one write an item", j, i, pk, sk)
		}
		seen[k] = i
		in.TransactItems = append(in.TransactItems, item)
		positions = append(positions, i)
	}
	if n := len(in.TransactItems); n == 0 || n > MaxTransactItems {
		return nil, nil, invalid("a transaction takes 1 to %d items, not %d", MaxTransactItems, n)
	}
	return in, positions, nil
}
