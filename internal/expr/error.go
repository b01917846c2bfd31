package expr

import (
	"sort"
	"strconv"
	"strings"
)

// Kind names the request parameter an expression came from. It selects the
// label DynamoDB puts in front of validation messages ("Invalid
// UpdateExpression: ...").
type Kind uint8

// The expression kinds.
const (
	ConditionExpression Kind = iota + 1
	FilterExpression
	KeyConditionExpression
	ProjectionExpression
	UpdateExpression
)

var kindNames = [...]string{
	ConditionExpression:    "ConditionExpression",
	FilterExpression:       "FilterExpression",
	KeyConditionExpression: "KeyConditionExpression",
	ProjectionExpression:   "ProjectionExpression",
	UpdateExpression:       "UpdateExpression",
}

// String returns the request parameter name, e.g. "FilterExpression".
func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Error is a DynamoDB validation failure found while parsing, validating or
// applying an expression. Message is the complete text DynamoDB returns in
// its ValidationException, label included (for example "Invalid
// ConditionExpression: Syntax error; token: \"<EOF>\", near: \"a =\"").
// The engine should map every *Error to a ValidationException carrying
// Message unchanged.
type Error struct {
	Message string
}

// Error returns Message.
func (e *Error) Error() string { return e.Message }

// errorf builds the message format DynamoDB's expression layer uses:
// "<message>;" followed by " key: value" pairs separated by commas.
func detail(msg string, kv ...string) string {
	var b strings.Builder
	b.WriteString(msg)
	b.WriteByte(';')
	for i := 0; i < len(kv); i += 2 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte(' ')
		b.WriteString(kv[i])
		if i+1 < len(kv) {
			b.WriteString(": ")
			b.WriteString(kv[i+1])
		}
	}
	return b.String()
}

// invalid labels a detail message with the expression kind.
func invalid(k Kind, msg string) *Error {
	return &Error{Message: "Invalid " + k.String() + ": " + msg}
}

// Messages of errors that DynamoDB raises while applying an update to an
// item, after the request validated. They carry no label.
const (
	msgAttrNotFound   = "The provided expression refers to an attribute that does not exist in the item"
	msgIncorrectType  = "An operand in the update expression has an incorrect data type"
	msgInvalidDocPath = "The document path provided in the update expression is invalid for update"
	msgNestingTooDeep = "Nesting Levels have exceeded supported limits"
)

// Limits DynamoDB applies to expressions.
const (
	// MaxExpressionLength is the longest expression DynamoDB accepts, in
	// UTF-16 code units (DynamoDB measures Java string length).
	MaxExpressionLength = 4096
	// MaxPathDepth is the deepest document path (number of elements).
	MaxPathDepth = 32
	// MaxOperators is the most operators and functions one expression may
	// contain.
	MaxOperators = 300
	// MaxInOperands is the most right-hand operands of one IN.
	MaxInOperands = 100
)

// sortedKeys returns the keys of m in ascending order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
