package local

import (
	"github.com/dokklib/db/internal/ddbtype"
)

// Transaction limits.
const (
	maxTransactItems = 100
	maxTransactBytes = 4 << 20
)

// txCommon holds the members every TransactWriteItems action has.
type txCommon struct {
	TableName                           *string `json:"TableName"`
	ConditionExpression                 *string `json:"ConditionExpression"`
	ReturnValuesOnConditionCheckFailure *string `json:"ReturnValuesOnConditionCheckFailure"`
	exprInput
}

type txKeyed struct {
	txCommon
	Key ddbtype.Item `json:"Key"`
}

type txPut struct {
	txCommon
	Item putItem `json:"Item"`
}

type txUpdate struct {
	txKeyed
	UpdateExpression *string `json:"UpdateExpression"`
}

type transactWriteItem struct {
	ConditionCheck *txKeyed  `json:"ConditionCheck"`
	Put            *txPut    `json:"Put"`
	Delete         *txKeyed  `json:"Delete"`
	Update         *txUpdate `json:"Update"`

	action txAction // which of the four the request gives, set by plan
}

type transactWriteInput struct {
	TransactItems               []transactWriteItem `json:"TransactItems"`
	ClientRequestToken          *string             `json:"ClientRequestToken"`
	ReturnConsumedCapacity      *string             `json:"ReturnConsumedCapacity"`
	ReturnItemCollectionMetrics *string             `json:"ReturnItemCollectionMetrics"`
}

type transactGetItem struct {
	Get *struct {
		TableName                *string           `json:"TableName"`
		Key                      ddbtype.Item      `json:"Key"`
		ProjectionExpression     *string           `json:"ProjectionExpression"`
		ExpressionAttributeNames map[string]string `json:"ExpressionAttributeNames"`
	} `json:"Get"`
}

type transactGetInput struct {
	TransactItems          []transactGetItem `json:"TransactItems"`
	ReturnConsumedCapacity *string           `json:"ReturnConsumedCapacity"`
}

// checkTransactCount applies the 1 to 100 items constraint.
func checkTransactCount(v *violations, n int, present bool) {
	v.notNull(present, "transactItems")
	if !present {
		return
	}
	if n < 1 {
		v.add("'[]'", "transactItems", "Member must have length greater than or equal to 1")
	}
	if n > maxTransactItems {
		v.add("'["+itoa(n)+" items]'", "transactItems", "Member must have length less than or equal to 100")
	}
}
