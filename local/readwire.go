package local

import (
	"github.com/dokklib/db/internal/ddbtype"
)

// readInput holds the parameters Query and Scan share.
type readInput struct {
	TableName              *string      `json:"TableName"`
	IndexName              *string      `json:"IndexName"`
	Select                 *string      `json:"Select"`
	Limit                  *int32       `json:"Limit"` // Integer in DynamoDB's model, as the messages name it
	ConsistentRead         *bool        `json:"ConsistentRead"`
	ExclusiveStartKey      ddbtype.Item `json:"ExclusiveStartKey"`
	ProjectionExpression   *string      `json:"ProjectionExpression"`
	FilterExpression       *string      `json:"FilterExpression"`
	AttributesToGet        []string     `json:"AttributesToGet"`
	ConditionalOperator    *string      `json:"ConditionalOperator"`
	ReturnConsumedCapacity *string      `json:"ReturnConsumedCapacity"`
	exprInput
}

type queryInput struct {
	readInput
	KeyConditionExpression *string              `json:"KeyConditionExpression"`
	KeyConditions          map[string]condition `json:"KeyConditions"`
	QueryFilter            map[string]condition `json:"QueryFilter"`
	ScanIndexForward       *bool                `json:"ScanIndexForward"`
}

type scanInput struct {
	readInput
	ScanFilter    map[string]condition `json:"ScanFilter"`
	Segment       *int32               `json:"Segment"`       // Integer in DynamoDB's model
	TotalSegments *int32               `json:"TotalSegments"` // Integer in DynamoDB's model
}

// Values of Select.
const (
	selAll       = "ALL_ATTRIBUTES"
	selProjected = "ALL_PROJECTED_ATTRIBUTES"
	selSpecific  = "SPECIFIC_ATTRIBUTES"
	selCount     = "COUNT"
)

// checkReadShape applies the member constraints Query and Scan share.
func (in *readInput) checkShape(v *violations) {
	v.enum(in.Select, "select", selSpecific, selCount, selAll, selProjected)
	if in.IndexName != nil {
		v.name(in.IndexName, "indexName")
	}
	v.minInt(widen(in.Limit), 1, "limit")
	v.enum(in.ReturnConsumedCapacity, "returnConsumedCapacity", capIndexes, capTotal, capNone)
	v.enum(in.ConditionalOperator, "conditionalOperator", "AND", "OR")
}

// checkSelect applies the rules on Select and projections.
func (in *readInput) checkSelect() error {
	sel := deref(in.Select)
	hasProj := in.ProjectionExpression != nil
	switch {
	case sel == "" || sel == selSpecific:
		if sel == selSpecific && !hasProj && in.AttributesToGet == nil {
			return validationErr("Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES")
		}
	case hasProj:
		return validationErr("Cannot specify the ProjectionExpression when choosing to get " + selectText(sel))
	case in.AttributesToGet != nil:
		return validationErr("Cannot specify the AttributesToGet when choosing to get " + selectText(sel))
	case sel == selProjected && in.IndexName == nil:
		return validationErr("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName")
	}
	return nil
}

// selectText names a Select value in messages.
func selectText(sel string) string {
	if sel == selCount {
		return "only the Count"
	}
	return sel
}
