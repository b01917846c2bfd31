package db

import (
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

var (
	// ErrInvalidArgument is wrapped by every error about an argument that
	// was refused before any request was sent.
	ErrInvalidArgument = errors.New("db: invalid argument")

	// ErrInvalidKey is wrapped by errors about keys and entity names: an
	// empty value, an invalid entity name, a key of the wrong entity.
	ErrInvalidKey = fmt.Errorf("%w: invalid key", ErrInvalidArgument)

	// ErrNotFound means that no item has the requested key.
	ErrNotFound = errors.New("db: item not found")

	// ErrConditionFailed means that a write's condition was false, so
	// the write did not happen.
	ErrConditionFailed = errors.New("db: condition failed")

	// ErrExists means that an insert found an item with its key already
	// there. It wraps ErrConditionFailed.
	ErrExists = fmt.Errorf("%w: item exists", ErrConditionFailed)
)

// invalid returns an ErrInvalidArgument error with the formatted message.
func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalidArgument, fmt.Sprintf(format, args...))
}

// asInvalid makes err wrap ErrInvalidArgument.
func asInvalid(err error) error {
	if errors.Is(err, ErrInvalidArgument) {
		return err
	}
	return fmt.Errorf("%w: %w", ErrInvalidArgument, err)
}

// prefixError adds "db: " and the operation to an error that may begin
// with "db: " already, which it drops; errors.Is and As see err.
func prefixError(op string, err error) error {
	return &opError{op: op, err: err}
}

type opError struct {
	op  string
	err error
}

func (e *opError) Error() string {
	return "db: " + e.op + ": " + strings.TrimPrefix(e.err.Error(), "db: ")
}

func (e *opError) Unwrap() error { return e.err }

// readError adds the operation's name to an error from the service, for
// requests that have no condition: reads, and transactions, whose failed
// conditions come as a cancellation.
func readError(op string, err error) error {
	return fmt.Errorf("db: %s: %w", op, err)
}

// writeError adds the operation and the item's key to an error from the
// service, and makes a failed condition a *ConditionFailedError wrapping
// the error that failed gives for the item as it was (ErrConditionFailed,
// or ErrExists for an insert), keeping the service's error for errors.As.
func writeError(op string, k Key, err error, failed func(old map[string]types.AttributeValue) error) error {
	var ccf *types.ConditionalCheckFailedException
	if !errors.As(err, &ccf) {
		return fmt.Errorf("db: %s %s: %w", op, k, err)
	}
	e := &ConditionFailedError{Op: op, Key: k, Err: err, reason: failed(ccf.Item)}
	if len(ccf.Item) > 0 {
		e.Item, _ = decodeItem(ccf.Item)
	}
	return e
}

// ConditionFailedError reports a write whose condition was false. It wraps
// ErrConditionFailed (ErrExists for an insert) and the service's
// *types.ConditionalCheckFailedException.
type ConditionFailedError struct {
	// Op is the operation: "put", "insert", "update" or "delete".
	Op string
	// Key is the key of the item written.
	Key Key
	// Item is the item as it was, when the write asked for it with
	// ReturnItemOnFailure and the item exists.
	Item Item
	// Err is the service's error.
	Err error

	reason error
}

// Error says which operation failed, on which item, and why, as
// "db: insert USER#alice GROUP#g1: condition failed: item exists".
func (e *ConditionFailedError) Error() string {
	return "db: " + e.Op + " " + e.Key.String() + ": " + strings.TrimPrefix(e.reason.Error(), "db: ")
}

// Unwrap returns ErrConditionFailed or ErrExists, and the service's error.
func (e *ConditionFailedError) Unwrap() []error { return []error{e.reason, e.Err} }

// TransactionCanceledError reports a transaction that DynamoDB cancelled,
// with a reason for each of its items. It unwraps to the service's
// *types.TransactionCanceledException and to the error of each failed item,
// so errors.Is(err, ErrConditionFailed) holds when any condition failed and
// errors.Is(err, ErrExists) when any insert found its item.
type TransactionCanceledError struct {
	// Reasons has one entry for each item of the transaction, in order.
	Reasons []CancellationReason
	// Err is the service's error.
	Err error
}

// CancellationReason says why one item of a transaction was not written.
type CancellationReason struct {
	// Index is the item's position in the transaction, from 0.
	Index int
	// Code is DynamoDB's code, as "ConditionalCheckFailed", or "None"
	// for an item that did not cause the cancellation.
	Code string
	// Message is DynamoDB's message, if any.
	Message string
	// Item holds the item's attributes when the item asked for them
	// on a failed condition.
	Item Item
	// Err is ErrExists for a failed insert, ErrConditionFailed for
	// another failed condition, and nil when Code is "None".
	Err error
}

// Failed returns the reasons of the items that caused the cancellation.
func (e *TransactionCanceledError) Failed() []CancellationReason {
	var failed []CancellationReason
	for _, r := range e.Reasons {
		if r.Code != "None" && r.Code != "" {
			failed = append(failed, r)
		}
	}
	return failed
}

// Error lists the items that caused the cancellation and why: the
// library's reason when it has one, as "item exists", or DynamoDB's
// message.
func (e *TransactionCanceledError) Error() string {
	var b strings.Builder
	b.WriteString("db: transaction cancelled:")
	for i, r := range e.Failed() {
		if i > 0 {
			b.WriteByte(';')
		}
		fmt.Fprintf(&b, " item %d: %s", r.Index, r.Code)
		switch {
		case r.Err != nil:
			fmt.Fprintf(&b, " (%s)", strings.TrimPrefix(r.Err.Error(), "db: "))
		case r.Message != "":
			fmt.Fprintf(&b, " (%s)", r.Message)
		}
	}
	return b.String()
}

// Unwrap returns the service's error and the error of each failed item.
func (e *TransactionCanceledError) Unwrap() []error {
	errs := []error{e.Err}
	for _, r := range e.Reasons {
		if r.Err != nil {
			errs = append(errs, r.Err)
		}
	}
	return errs
}

// transactionError turns the service's cancellation into a
// *TransactionCanceledError. position maps the request's items to the
// caller's positions; failed gives the error of item i whose condition
// failed, given the item as it was, if DynamoDB returned it.
func transactionError(op string, err error, position func(i int) int,
	failed func(i int, old map[string]types.AttributeValue) error) error {
	var tce *types.TransactionCanceledException
	if !errors.As(err, &tce) {
		return readError(op, err)
	}
	out := &TransactionCanceledError{Err: err, Reasons: make([]CancellationReason, len(tce.CancellationReasons))}
	for i, r := range tce.CancellationReasons {
		reason := CancellationReason{Index: position(i), Code: deref(r.Code), Message: deref(r.Message)}
		if len(r.Item) > 0 {
			reason.Item, _ = decodeItem(r.Item)
		}
		if reason.Code == "ConditionalCheckFailed" {
			reason.Err = failed(i, r.Item)
		}
		out.Reasons[i] = reason
	}
	return out
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
