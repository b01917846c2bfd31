package db

import (
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// writeKind is what a write of one item does.
type writeKind uint8

const (
	kindPut writeKind = iota
	kindInsert
	kindUpdate
	kindDelete
	kindCheck
)

// writeOptions configure a write of one item; each kind of write takes the
// options that apply to it.
type writeOptions struct {
	attrs     any
	actions   []Update
	condition Condition
	ret       returnOption
	onFail    bool
	// now is the time the write stamps (CreatedAt, UpdatedAt); the
	// table's clock when zero.
	now time.Time
}

// itemWrite is a write of one item, built once whether it is sent as a
// request of its own or as an item of a transaction.
type itemWrite struct {
	kind   writeKind
	table  *string
	key    map[string]types.AttributeValue // for a put, the whole item
	update *string
	cond   *string
	b      exprBuilder
	ret    types.ReturnValue
	onFail types.ReturnValuesOnConditionCheckFailure
	// failure gives the error of a failed condition from the item as it
	// was, when DynamoDB returned it; by default ErrExists for an insert
	// and ErrConditionFailed for the others.
	failure func(old map[string]types.AttributeValue) error
}

// failed returns the error of the write's failed condition.
func (w *itemWrite) failed(old map[string]types.AttributeValue) error {
	switch {
	case w.failure != nil:
		return w.failure(old)
	case w.kind == kindInsert:
		return ErrExists
	}
	return ErrConditionFailed
}

// write checks and builds a write of the item with the given key.
func (t *Table) write(kind writeKind, pk PartitionKey, sk SortKey, o *writeOptions) (*itemWrite, error) {
	w := &itemWrite{kind: kind, table: &t.name, ret: o.ret.kind(), onFail: onFailure(o.onFail)}
	if o.now.IsZero() {
		o.now = t.now()
	}
	var err error
	if kind == kindPut || kind == kindInsert {
		w.key, err = t.item(pk, sk, o.attrs, o.now)
	} else {
		w.key, err = t.keyAttrs(pk, sk)
	}
	if err != nil {
		return nil, err
	}
	if kind == kindUpdate {
		if w.update, err = t.updateExpr(&w.b, o.actions, o.now); err != nil {
			return nil, err
		}
	}
	cond := o.condition
	if kind == kindInsert {
		cond = andCondition(NotExists(escapeName(t.primaryIdx.PartitionKey)), cond)
	}
	if w.cond, err = conditionExpr(&w.b, cond); err != nil {
		return nil, err
	}
	return w, nil
}

// andCondition joins a condition with another that may be nil.
func andCondition(c, more Condition) Condition {
	if more == nil {
		return c
	}
	return And(c, more)
}

func (w *itemWrite) putInput() *dynamodb.PutItemInput {
	return &dynamodb.PutItemInput{
		TableName: w.table, Item: w.key, ConditionExpression: w.cond,
		ExpressionAttributeNames: w.b.namesOrNil(), ExpressionAttributeValues: w.b.valuesOrNil(),
		ReturnValues: w.ret, ReturnValuesOnConditionCheckFailure: w.onFail,
	}
}

func (w *itemWrite) updateInput() *dynamodb.UpdateItemInput {
	return &dynamodb.UpdateItemInput{
		TableName: w.table, Key: w.key, UpdateExpression: w.update, ConditionExpression: w.cond,
		ExpressionAttributeNames: w.b.namesOrNil(), ExpressionAttributeValues: w.b.valuesOrNil(),
		ReturnValues: w.ret, ReturnValuesOnConditionCheckFailure: w.onFail,
	}
}

func (w *itemWrite) deleteInput() *dynamodb.DeleteItemInput {
	return &dynamodb.DeleteItemInput{
		TableName: w.table, Key: w.key, ConditionExpression: w.cond,
		ExpressionAttributeNames: w.b.namesOrNil(), ExpressionAttributeValues: w.b.valuesOrNil(),
		ReturnValues: w.ret, ReturnValuesOnConditionCheckFailure: w.onFail,
	}
}

// transactItem is the write as an item of a transaction.
func (w *itemWrite) transactItem() types.TransactWriteItem {
	names, values := w.b.namesOrNil(), w.b.valuesOrNil()
	onFail := types.ReturnValuesOnConditionCheckFailure(w.onFail)
	switch w.kind {
	case kindPut, kindInsert:
		return types.TransactWriteItem{Put: &types.Put{TableName: w.table, Item: w.key, ConditionExpression: w.cond,
			ExpressionAttributeNames: names, ExpressionAttributeValues: values, ReturnValuesOnConditionCheckFailure: onFail}}
	case kindUpdate:
		return types.TransactWriteItem{Update: &types.Update{TableName: w.table, Key: w.key, UpdateExpression: w.update,
			ConditionExpression: w.cond, ExpressionAttributeNames: names, ExpressionAttributeValues: values,
			ReturnValuesOnConditionCheckFailure: onFail}}
	case kindDelete:
		return types.TransactWriteItem{Delete: &types.Delete{TableName: w.table, Key: w.key, ConditionExpression: w.cond,
			ExpressionAttributeNames: names, ExpressionAttributeValues: values, ReturnValuesOnConditionCheckFailure: onFail}}
	}
	return types.TransactWriteItem{ConditionCheck: &types.ConditionCheck{TableName: w.table, Key: w.key, ConditionExpression: w.cond,
		ExpressionAttributeNames: names, ExpressionAttributeValues: values, ReturnValuesOnConditionCheckFailure: onFail}}
}
