package local

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/expr"
)

// Error type prefixes, as DynamoDB puts them in the __type field. The
// SDKs keep only the part after '#'.
const (
	nsDynamoDB = "com.amazonaws.dynamodb.v20120810#"
	nsCoral    = "com.amazon.coral.service#"
	nsValidate = "com.amazon.coral.validate#"
)

// apiError is an error answered to the client in DynamoDB's JSON shape:
// HTTP status, "__type" and the message. DynamoDB spells the message field
// "message" for most errors but "Message" for TransactionCanceledException
// and the coral service's SerializationException; upperMessage selects the
// latter. An empty message is left out of the body.
type apiError struct {
	status       int
	typ          string // fully qualified: namespace#Name
	msg          string
	upperMessage bool
	reasons      []cancellationReason // TransactionCanceledException only
	item         ddbtype.Item
}

// Error returns the exception name and message.
func (e *apiError) Error() string { return e.name() + ": " + e.msg }

// name returns the exception name without its namespace.
func (e *apiError) name() string {
	if i := strings.LastIndexByte(e.typ, '#'); i >= 0 {
		return e.typ[i+1:]
	}
	return e.typ
}

// newError returns a 400 error of the DynamoDB namespace.
func newError(name, msg string) *apiError {
	return &apiError{status: http.StatusBadRequest, typ: nsDynamoDB + name, msg: msg}
}

// validationErr returns a ValidationException. DynamoDB's validation
// errors come from its coral validation layer, with a lower-case message.
func validationErr(msg string) *apiError {
	return &apiError{status: http.StatusBadRequest, typ: nsValidate + "ValidationException", msg: msg}
}

// validationf returns a ValidationException with a formatted message.
func validationf(format string, args ...any) *apiError {
	return validationErr(fmt.Sprintf(format, args...))
}

// invalidParam returns the common "One or more parameter values were
// invalid: ..." ValidationException.
func invalidParam(format string, args ...any) *apiError {
	return validationErr("One or more parameter values were invalid: " + fmt.Sprintf(format, args...))
}

// serializationErr returns the coral SerializationException for a request
// body whose JSON does not match the operation's shape. An empty msg is
// what DynamoDB answers to JSON that does not parse at all.
func serializationErr(msg string) *apiError {
	return &apiError{status: http.StatusBadRequest, typ: nsCoral + "SerializationException", msg: msg, upperMessage: true}
}

// unknownOperationErr is DynamoDB's answer to a target it does not know.
func unknownOperationErr() *apiError {
	return &apiError{status: http.StatusBadRequest, typ: nsCoral + "UnknownOperationException"}
}

// tableNotFoundErr is the ResourceNotFoundException for a missing table in
// data-plane operations.
func tableNotFoundErr() *apiError {
	return newError("ResourceNotFoundException", "Requested resource not found")
}

// tableNotFoundNamedErr is the ResourceNotFoundException of control-plane
// operations, which name the table.
func tableNotFoundNamedErr(name string) *apiError {
	return newError("ResourceNotFoundException", "Requested resource not found: Table: "+name+" not found")
}

// conditionalErr is the ConditionalCheckFailedException; item is the
// existing item when ReturnValuesOnConditionCheckFailure is ALL_OLD.
func conditionalErr(item ddbtype.Item) *apiError {
	e := newError("ConditionalCheckFailedException", "The conditional request failed")
	e.item = item
	return e
}

// internalErr is DynamoDB's InternalServerError, for faults of the engine
// itself; client mistakes never produce it.
func internalErr(err error) *apiError {
	return &apiError{status: http.StatusInternalServerError, typ: nsDynamoDB + "InternalServerError",
		msg: "Internal server error: " + err.Error()}
}

// closedErr is the answer of a closed engine's handler (see Engine.Close).
func closedErr() *apiError {
	return &apiError{status: http.StatusServiceUnavailable, typ: nsDynamoDB + "ServiceUnavailable",
		msg: "Service unavailable: the engine is closed"}
}

// toAPIError converts any error to the error answered to the client:
// validation errors of the attribute-value and expression packages become
// ValidationExceptions with their messages, anything unknown an
// InternalServerError.
func toAPIError(err error) *apiError {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae
	}
	var ve *ddbtype.ValidationError
	if errors.As(err, &ve) {
		return validationErr(ve.Message)
	}
	var se *ddbtype.SerializationError
	if errors.As(err, &se) {
		return serializationErr(se.Message)
	}
	var xe *expr.Error
	if errors.As(err, &xe) {
		return validationErr(xe.Message)
	}
	return internalErr(err)
}

// appendJSON appends the error's JSON body.
func (e *apiError) appendJSON(dst []byte) []byte {
	dst = append(dst, `{"__type":`...)
	dst = ddbtype.AppendJSONString(dst, e.typ)
	if e.reasons != nil {
		dst = appendReasons(dst, e.reasons)
	}
	if e.item != nil {
		dst = append(dst, `,"Item":`...)
		dst = appendItem(dst, e.item)
	}
	if e.msg != "" {
		if e.upperMessage {
			dst = append(dst, `,"Message":`...)
		} else {
			dst = append(dst, `,"message":`...)
		}
		dst = ddbtype.AppendJSONString(dst, e.msg)
	}
	return append(dst, '}')
}
