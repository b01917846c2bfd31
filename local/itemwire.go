package local

import (
	"encoding/json"
	"errors"
	"slices"

	"github.com/dokklib/db/internal/ddbtype"
)

// exprValues is ExpressionAttributeValues. Invalid values are reported
// with the key, as DynamoDB does: "ExpressionAttributeValues contains
// invalid value: ... for key :v".
type exprValues map[string]ddbtype.Value

// UnmarshalJSON decodes the map value by value.
func (m *exprValues) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if raw == nil {
		return nil
	}
	out := make(exprValues, len(raw))
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		var v ddbtype.Value
		err := v.UnmarshalJSON(raw[k])
		if err == nil && v.IsZero() {
			err = v.Validate()
		}
		var ve *ddbtype.ValidationError
		if errors.As(err, &ve) {
			return validationErr("ExpressionAttributeValues contains invalid value: " + ve.Message + " for key " + k)
		}
		if err != nil {
			return err
		}
		out[k] = v
	}
	*m = out
	return nil
}

// decodeFrom decodes the map in one pass when every value is valid, and
// gives up otherwise: UnmarshalJSON reports the error of the first key in
// sorted order, which this cannot know before the end.
func (m *exprValues) decodeFrom(r *ddbtype.JSONReader) error {
	if r.Kind() != ddbtype.JSONObject {
		return errFallback
	}
	out := exprValues{}
	err := r.ReadObject(func(name []byte) error {
		v, err := r.ReadValue()
		if err == nil && v.IsZero() {
			err = errFallback
		}
		out[string(name)] = v
		return err
	})
	if err == nil {
		*m = out
	}
	return err
}

// exprInput holds the expression parameters shared by the item
// operations.
type exprInput struct {
	ExpressionAttributeNames  map[string]string `json:"ExpressionAttributeNames"`
	ExpressionAttributeValues exprValues        `json:"ExpressionAttributeValues"`
}

// returnInput holds the Return* parameters of write operations.
type returnInput struct {
	ReturnValues                        *string `json:"ReturnValues"`
	ReturnConsumedCapacity              *string `json:"ReturnConsumedCapacity"`
	ReturnItemCollectionMetrics         *string `json:"ReturnItemCollectionMetrics"`
	ReturnValuesOnConditionCheckFailure *string `json:"ReturnValuesOnConditionCheckFailure"`
}

// expectedAttr is one entry of the legacy Expected parameter.
type expectedAttr struct {
	Value              *ddbtype.Value  `json:"Value"`
	Exists             *bool           `json:"Exists"`
	ComparisonOperator *string         `json:"ComparisonOperator"`
	AttributeValueList []ddbtype.Value `json:"AttributeValueList"`
}

// condWriteInput holds the parameters PutItem and DeleteItem share.
type condWriteInput struct {
	ConditionExpression *string                 `json:"ConditionExpression"`
	Expected            map[string]expectedAttr `json:"Expected"`
	ConditionalOperator *string                 `json:"ConditionalOperator"`
	exprInput
	returnInput
}

type putItemInput struct {
	TableName *string `json:"TableName"`
	Item      putItem `json:"Item"`
	condWriteInput
}

type keyInput struct {
	TableName *string      `json:"TableName"`
	Key       ddbtype.Item `json:"Key"`
}

type getItemInput struct {
	keyInput
	ConsistentRead           *bool             `json:"ConsistentRead"`
	ProjectionExpression     *string           `json:"ProjectionExpression"`
	AttributesToGet          []string          `json:"AttributesToGet"`
	ReturnConsumedCapacity   *string           `json:"ReturnConsumedCapacity"`
	ExpressionAttributeNames map[string]string `json:"ExpressionAttributeNames"`
}

type deleteItemInput struct {
	keyInput
	condWriteInput
}

// attributeUpdate is one entry of the legacy AttributeUpdates parameter.
type attributeUpdate struct {
	Value  *ddbtype.Value `json:"Value"`
	Action *string        `json:"Action"`
}

type updateItemInput struct {
	keyInput
	UpdateExpression    *string                    `json:"UpdateExpression"`
	ConditionExpression *string                    `json:"ConditionExpression"`
	AttributeUpdates    map[string]attributeUpdate `json:"AttributeUpdates"`
	Expected            map[string]expectedAttr    `json:"Expected"`
	ConditionalOperator *string                    `json:"ConditionalOperator"`
	exprInput
	returnInput
}
