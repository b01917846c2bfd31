package local

import (
	"encoding/json"
)

// operations maps X-Amz-Target operation names to their implementations.
var operations map[string]opFunc

func init() {
	operations = map[string]opFunc{
		"CreateTable":        jsonOp((*Engine).createTable),
		"DescribeTable":      jsonOp((*Engine).describeTable),
		"DeleteTable":        jsonOp((*Engine).deleteTable),
		"ListTables":         jsonOp((*Engine).listTables),
		"UpdateTable":        jsonOp((*Engine).updateTable),
		"DescribeEndpoints":  describeEndpoints,
		"DescribeLimits":     jsonOp((*Engine).describeLimits),
		"UpdateTimeToLive":   jsonOp((*Engine).updateTimeToLive),
		"DescribeTimeToLive": jsonOp((*Engine).describeTimeToLive),
		"TagResource":        jsonOp((*Engine).tagResource),
		"UntagResource":      jsonOp((*Engine).untagResource),
		"ListTagsOfResource": jsonOp((*Engine).listTagsOfResource),
	}
	registerDataPlane(operations)
	registerBackups(operations)
	registerPartiQL(operations)
}

// jsonOp adapts an operation on decoded input whose output encoding/json
// can write.
func jsonOp[In, Out any](fn func(*Engine, *In) (*Out, error)) opFunc {
	return func(e *Engine, r *request, dst []byte) ([]byte, error) {
		var in In
		if err := decodeJSON(r.body, &in); err != nil {
			return nil, err
		}
		out, err := fn(e, &in)
		if err != nil {
			return nil, err
		}
		b, err := json.Marshal(out)
		if err != nil {
			return nil, err
		}
		return append(dst, b...), nil
	}
}

// empty is an operation input or output with no members.
type empty struct{}

type endpoint struct {
	Address              string `json:"Address"`
	CachePeriodInMinutes int64  `json:"CachePeriodInMinutes"`
}

// describeEndpoints answers DescribeEndpoints with the address the client
// used.
func describeEndpoints(e *Engine, r *request, dst []byte) ([]byte, error) {
	var in empty
	if err := decodeJSON(r.body, &in); err != nil {
		return nil, err
	}
	host := r.host
	if host == "" {
		host = "dynamodb." + e.id.region + ".amazonaws.com"
	}
	b, err := json.Marshal(map[string][]endpoint{"Endpoints": {{Address: host, CachePeriodInMinutes: 1440}}})
	if err != nil {
		return nil, err
	}
	return append(dst, b...), nil
}

type limitsOutput struct {
	AccountMaxReadCapacityUnits  int64 `json:"AccountMaxReadCapacityUnits"`
	AccountMaxWriteCapacityUnits int64 `json:"AccountMaxWriteCapacityUnits"`
	TableMaxReadCapacityUnits    int64 `json:"TableMaxReadCapacityUnits"`
	TableMaxWriteCapacityUnits   int64 `json:"TableMaxWriteCapacityUnits"`
}

// describeLimits answers DescribeLimits with DynamoDB's default quotas.
func (e *Engine) describeLimits(*empty) (*limitsOutput, error) {
	return &limitsOutput{
		AccountMaxReadCapacityUnits:  80000,
		AccountMaxWriteCapacityUnits: 80000,
		TableMaxReadCapacityUnits:    40000,
		TableMaxWriteCapacityUnits:   40000,
	}, nil
}
