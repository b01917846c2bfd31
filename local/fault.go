package local

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dokklib/db/internal/ddbtype"
)

// Fault makes the engine misbehave on chosen requests, for testing retry
// and error paths: fail with one of DynamoDB's transient errors, answer
// late, or leave batch items unprocessed. Add it with Engine.Faults.
//
// A fault applies to the requests it matches: every field of its scope
// (Op, Table, Index, Key) that is set must match. Key matches the items a
// request reads or writes, by their key attributes: the single item of
// GetItem, PutItem, UpdateItem and DeleteItem, and each item of batches
// and transactions; a request matches when one of its items does.
type Fault struct {
	// ID identifies the fault; Add sets it.
	ID FaultID

	Op    string                          // operation, such as "PutItem"; "" for all
	Table string                          // table name, in any namespace; "" for all
	Index string                          // index name of Query and Scan; "" for all
	Key   map[string]types.AttributeValue // key attributes (S, N or B) of an item; nil for all

	// Err is the error matching requests get: ErrThrottling,
	// ErrProvisionedThroughputExceeded, ErrInternalServerError or
	// ErrTransactionConflict.
	Err error
	// Latency delays the answer to matching requests.
	Latency time.Duration
	// Unprocessed leaves the matching items of BatchWriteItem and the
	// matching keys of BatchGetItem in UnprocessedItems and
	// UnprocessedKeys, doing the rest; it excludes Err and Latency.
	Unprocessed bool

	// Probability is the chance that the fault applies to a matching
	// request, or to a matching batch item when Unprocessed; 0 means
	// always. Draws come from the engine's seeded source (WithFaultSeed).
	Probability float64
	// Count is how many more times the fault applies (to a request, or
	// to a batch item when Unprocessed) before it is removed; 0 means
	// until it is removed or cleared.
	Count int
}

// FaultID identifies an added Fault.
type FaultID int64

// Errors a Fault injects, answered as DynamoDB answers them.
// ErrTransactionConflict is a TransactionConflictException for
// single-item operations and batches, and a TransactionCanceledException
// with the reason TransactionConflict for the matching items of
// TransactWriteItems and TransactGetItems.
var (
	ErrThrottling = error(&apiError{status: http.StatusBadRequest, typ: "com.amazon.coral.availability#ThrottlingException",
		msg: "Rate of requests exceeds the allowed throughput."})
	ErrProvisionedThroughputExceeded = error(newError("ProvisionedThroughputExceededException",
		"The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API."))
	ErrInternalServerError = error(&apiError{status: http.StatusInternalServerError, typ: nsDynamoDB + "InternalServerError", msg: "Internal server error"})
	ErrTransactionConflict = error(newError("TransactionConflictException", msgTransactionConflict))
)

// msgTransactionConflict is DynamoDB's message for an item another
// transaction holds.
const msgTransactionConflict = "Transaction is ongoing for the item"

// faultErrors names the injectable errors, as in Fault's JSON form.
var faultErrors = map[string]error{
	"ThrottlingException":                    ErrThrottling,
	"ProvisionedThroughputExceededException": ErrProvisionedThroughputExceeded,
	"InternalServerError":                    ErrInternalServerError,
	"TransactionConflict":                    ErrTransactionConflict,
}

// faultErrorName returns the name of an injectable error.
func faultErrorName(err error) (string, bool) {
	for name, e := range faultErrors {
		if e == err {
			return name, true
		}
	}
	return "", false
}

// check validates a fault and returns its key as the engine's values.
func (f *Fault) check() (ddbtype.Item, error) {
	if _, ok := faultErrorName(f.Err); f.Err != nil && !ok {
		return nil, fmt.Errorf("local: fault: Err %v is not one of the injectable errors", f.Err)
	}
	switch {
	case f.Probability < 0 || f.Probability > 1:
		return nil, fmt.Errorf("local: fault: Probability %v is not within [0, 1]", f.Probability)
	case f.Count < 0 || f.Latency < 0:
		return nil, errors.New("local: fault: Count and Latency must not be negative")
	case f.Unprocessed && (f.Err != nil || f.Latency != 0):
		return nil, errors.New("local: fault: Unprocessed excludes Err and Latency")
	case f.Unprocessed && f.Op != "" && f.Op != "BatchWriteItem" && f.Op != "BatchGetItem":
		return nil, errors.New("local: fault: Unprocessed needs Op BatchWriteItem or BatchGetItem")
	case f.Err == nil && f.Latency == 0 && !f.Unprocessed:
		return nil, errors.New("local: fault: set Err, Latency or Unprocessed")
	case f.Op != "" && operations[f.Op] == nil:
		return nil, fmt.Errorf("local: fault: unknown operation %q", f.Op)
	}
	return keyValues(f.Key)
}

// keyValues converts key attributes from the SDK's types.
func keyValues(key map[string]types.AttributeValue) (ddbtype.Item, error) {
	if key == nil {
		return nil, nil
	}
	out := make(ddbtype.Item, len(key))
	for name, av := range key {
		var err error
		switch v := av.(type) {
		case *types.AttributeValueMemberS:
			out[name] = ddbtype.String(v.Value)
		case *types.AttributeValueMemberN:
			out[name], err = ddbtype.Number(v.Value)
		case *types.AttributeValueMemberB:
			out[name] = ddbtype.Binary(v.Value)
		default:
			err = errors.New("not S, N or B")
		}
		if err != nil {
			return nil, fmt.Errorf("local: fault: key attribute %s: %w", name, err)
		}
	}
	return out, nil
}

// sdkKey converts key attributes to the SDK's types.
func sdkKey(key ddbtype.Item) map[string]types.AttributeValue {
	if key == nil {
		return nil
	}
	out := make(map[string]types.AttributeValue, len(key))
	for name, v := range key {
		switch v.Type {
		case ddbtype.TypeN:
			out[name] = &types.AttributeValueMemberN{Value: v.S}
		case ddbtype.TypeB:
			out[name] = &types.AttributeValueMemberB{Value: v.B}
		default:
			out[name] = &types.AttributeValueMemberS{Value: v.S}
		}
	}
	return out
}
