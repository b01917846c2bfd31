package db

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// MaxTransactItems is the most items DynamoDB takes in one transaction.
const MaxTransactItems = 100

// TransactArg is one write of a transaction. Make one with InsertArg,
// PutArg, DeleteArg or ConditionCheck.
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

type putArg struct {
	txKey
	insert bool
	opts   []PutOption
}

// PutArg writes an item in a transaction, replacing any item with its key.
func PutArg(pk PartitionKey, sk SortKey, opts ...PutOption) TransactArg {
	return &putArg{txKey: txKey{pk, sk}, opts: opts}
}

// InsertArg writes an item in a transaction if there is no item with its
// key; otherwise the transaction is cancelled, and its error wraps ErrExists.
func InsertArg(pk PartitionKey, sk SortKey, opts ...PutOption) TransactArg {
	return &putArg{txKey: txKey{pk, sk}, insert: true, opts: opts}
}

func (a *putArg) isInsert() bool { return a.insert }

func (a *putArg) writeItem(t *Table) (types.TransactWriteItem, error) {
	in, err := t.putInput(a.pk, a.sk, a.insert, a.opts)
	if err != nil {
		return types.TransactWriteItem{}, err
	}
	return types.TransactWriteItem{Put: &types.Put{
		TableName:                 in.TableName,
		Item:                      in.Item,
		ConditionExpression:       in.ConditionExpression,
		ExpressionAttributeNames:  in.ExpressionAttributeNames,
		ExpressionAttributeValues: in.ExpressionAttributeValues,
	}}, nil
}

type deleteArg struct {
	txKey
	opts []DeleteOption
}

// DeleteArg deletes an item in a transaction.
func DeleteArg(pk PartitionKey, sk SortKey, opts ...DeleteOption) TransactArg {
	return &deleteArg{txKey: txKey{pk, sk}, opts: opts}
}

func (a *deleteArg) isInsert() bool { return false }

func (a *deleteArg) writeItem(t *Table) (types.TransactWriteItem, error) {
	var o deleteOptions
	for _, opt := range a.opts {
		opt.applyDelete(&o)
	}
	return t.keyedWrite(a.txKey, o.condition, func(k map[string]types.AttributeValue, cond *string, b *exprBuilder) types.TransactWriteItem {
		return types.TransactWriteItem{Delete: &types.Delete{
			TableName:                 &t.name,
			Key:                       k,
			ConditionExpression:       cond,
			ExpressionAttributeNames:  b.namesOrNil(),
			ExpressionAttributeValues: b.valuesOrNil(),
		}}
	})
}

type conditionCheck struct {
	txKey
	cond Condition
}

// ConditionCheck makes a transaction happen only if the condition holds for
// the item with the given key; it writes nothing.
func ConditionCheck(pk PartitionKey, sk SortKey, c Condition) TransactArg {
	return &conditionCheck{txKey: txKey{pk, sk}, cond: c}
}

func (a *conditionCheck) isInsert() bool { return false }

func (a *conditionCheck) writeItem(t *Table) (types.TransactWriteItem, error) {
	if a.cond == nil {
		return types.TransactWriteItem{}, invalid("condition check without a condition")
	}
	return t.keyedWrite(a.txKey, a.cond, func(k map[string]types.AttributeValue, cond *string, b *exprBuilder) types.TransactWriteItem {
		return types.TransactWriteItem{ConditionCheck: &types.ConditionCheck{
			TableName:                 &t.name,
			Key:                       k,
			ConditionExpression:       cond,
			ExpressionAttributeNames:  b.namesOrNil(),
			ExpressionAttributeValues: b.valuesOrNil(),
		}}
	})
}

// keyedWrite builds a transaction write addressed by key, with a condition.
func (t *Table) keyedWrite(tk txKey, c Condition, build func(map[string]types.AttributeValue, *string, *exprBuilder) types.TransactWriteItem) (types.TransactWriteItem, error) {
	k, err := t.keyAttrs(tk.pk, tk.sk)
	if err != nil {
		return types.TransactWriteItem{}, err
	}
	var b exprBuilder
	cond, err := t.writeCondition(&b, false, c)
	if err != nil {
		return types.TransactWriteItem{}, err
	}
	return build(k, cond, &b), nil
}

// TransactWrite makes all the writes or none, atomically. It takes 1 to
// MaxTransactItems writes, at most one for each key. When DynamoDB cancels
// the transaction, the error is a *TransactionCanceledError that says which
// writes failed and why.
func (t *Table) TransactWrite(ctx context.Context, args ...TransactArg) error {
	items, err := t.transactItems(args)
	if err != nil {
		return err
	}
	_, err = t.client.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
	if err != nil {
		return transactionError("transaction", err, func(i int) bool { return i < len(args) && args[i].isInsert() })
	}
	return nil
}

func (t *Table) transactItems(args []TransactArg) ([]types.TransactWriteItem, error) {
	if len(args) == 0 || len(args) > MaxTransactItems {
		return nil, invalid("a transaction takes 1 to %d items, not %d", MaxTransactItems, len(args))
	}
	items := make([]types.TransactWriteItem, len(args))
	seen := make(map[[2]string]int, len(args))
	for i, a := range args {
		if a == nil {
			return nil, invalid("transaction item %d is nil", i)
		}
		item, err := a.writeItem(t)
		if err != nil {
			return nil, fmt.Errorf("db: transaction item %d: %w", i, err)
		}
		pk, sk := a.keys()
		k := [2]string{pk.String(), sk.String()}
		if j, dup := seen[k]; dup {
			return nil, invalid("transaction items %d and %d both write %s %s: DynamoDB allows one write an item", j, i, pk, sk)
		}
		seen[k] = i
		items[i] = item
	}
	return items, nil
}
