package db

import (
	"fmt"
	"reflect"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// ReturnValues says which attributes a write returns, with Return.
type ReturnValues string

// The attributes a write can return. Put and Delete take ReturnNone and
// ReturnAllOld; Update takes them all.
const (
	ReturnNone       ReturnValues = "NONE"        // nothing
	ReturnAllOld     ReturnValues = "ALL_OLD"     // the item as it was
	ReturnUpdatedOld ReturnValues = "UPDATED_OLD" // the updated attributes as they were
	ReturnAllNew     ReturnValues = "ALL_NEW"     // the item as it is now
	ReturnUpdatedNew ReturnValues = "UPDATED_NEW" // the updated attributes as they are now
)

type returnOption struct {
	rv   ReturnValues
	into any
}

func (r returnOption) applyPut(o *writeOptions)    { o.ret = r }
func (r returnOption) applyDelete(o *writeOptions) { o.ret = r }
func (r returnOption) applyUpdate(o *writeOptions) { o.ret = r }

// Return makes a write return attributes, and decodes them into into: a
// *Item, or a pointer to a struct or map. When DynamoDB returns nothing (as
// for ReturnAllOld when there was no item), *into is set to its zero value.
func Return(rv ReturnValues, into any) WriteOption { return returnOption{rv, into} }

func (r returnOption) kind() types.ReturnValue { return types.ReturnValue(r.rv) }

// check refuses return values that the operation does not take, and
// targets that cannot be decoded into.
func (r returnOption) check(op string, allowed ...ReturnValues) error {
	if r.rv == "" {
		return nil
	}
	ok := r.rv == ReturnNone
	for _, a := range allowed {
		ok = ok || r.rv == a
	}
	if !ok {
		return invalid("%s cannot return %s", op, r.rv)
	}
	if v := reflect.ValueOf(r.into); r.rv != ReturnNone && (v.Kind() != reflect.Pointer || v.IsNil()) {
		return invalid("Return needs a non-nil pointer to decode into, not %T", r.into)
	}
	return nil
}

// decode stores the returned attributes into the target.
func (r returnOption) decode(attrs map[string]types.AttributeValue) error {
	if r.into == nil || r.rv == "" || r.rv == ReturnNone {
		return nil
	}
	if len(attrs) == 0 {
		reflect.ValueOf(r.into).Elem().SetZero()
		return nil
	}
	if p, ok := r.into.(*Item); ok {
		item, err := decodeItem(attrs)
		*p = item
		return err
	}
	if err := UnmarshalItem(attrs, r.into); err != nil {
		return fmt.Errorf("db: decoding returned attributes: %w", err)
	}
	return nil
}

type returnOnFailure struct{}

func (returnOnFailure) applyPut(o *writeOptions)    { o.onFail = true }
func (returnOnFailure) applyDelete(o *writeOptions) { o.onFail = true }
func (returnOnFailure) applyUpdate(o *writeOptions) { o.onFail = true }
func (returnOnFailure) applyCheck(o *writeOptions)  { o.onFail = true }

// FailureOption is an option of writes and condition checks.
type FailureOption interface {
	WriteOption
	CheckOption
}

// ReturnItemOnFailure makes a write whose condition fails report the item
// as it is, in the Item of its *ConditionFailedError (or, in a transaction,
// of its CancellationReason), at no extra read cost.
func ReturnItemOnFailure() FailureOption { return returnOnFailure{} }

func onFailure(on bool) types.ReturnValuesOnConditionCheckFailure {
	if on {
		return types.ReturnValuesOnConditionCheckFailureAllOld
	}
	return ""
}
