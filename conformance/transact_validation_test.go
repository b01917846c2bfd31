package conformance

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TestTransactionValidation covers how transactions answer what is wrong
// with one of their items: a key that does not match the table cancels
// the transaction with a ValidationError for the first such item and None
// for the others, as does an update the stored item cannot take; an empty
// key value and two operations on one item are the request's error,
// ValidationException. TransactGetItems follows the same rules.
func TestTransactionValidation(t *testing.T) { runCases(t, transactValidationCases) }

// validationError is the cancellation reason of an item failing
// validation with message msg.
func validationError(msg string) string {
	return `{"Code":"ValidationError","Message":"` + msg + `"}`
}

// canceledBy is a step wanting TransactionCanceledException with the
// given reasons (JSON objects) and their codes in the message.
func canceledBy(in any, codes []string, reasons ...string) Step {
	s := canceled(in, codes...)
	s.Want = `{"CancellationReasons":[` + joinJSON(reasons) + `]}`
	return s
}

// joinJSON joins JSON values with commas.
func joinJSON(vs []string) string {
	out := ""
	for i, v := range vs {
		if i > 0 {
			out += ","
		}
		out += v
	}
	return out
}

// localCanceled is what DynamoDB Local gets right of a cancellation whose
// reasons it words or counts differently: the exception.
var localCanceled = &Expect{Err: "TransactionCanceledException"}

const (
	none        = `{"Code":"None","Message":null}`
	typeMsgPkSN = "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N"
)

// tGet is one Get of a TransactGetItems on "$T".
func tGet(key Item) types.TransactGetItem {
	return types.TransactGetItem{Get: &types.Get{Key: key}}
}

var transactValidationCases = []Case{
	{Name: "a key of the wrong type cancels the transaction", Table: hashS, Steps: []Step{
		{Call: transact(tPut(Item{"pk": N("5")}, "")), Err: "TransactionCanceledException",
			Msg:  "Transaction cancelled, please refer cancellation reasons for specific reasons [ValidationError]",
			Want: `{"CancellationReasons":[` + validationError(typeMsgPkSN) + `]}`, LocalDiffers: localTxKeyReason, Local: localCanceled},
		{Call: transact(tPut(kA, ""), tUpdate(Item{"pk": N("5")}, "SET n = :one", Item{":one": N("1")})),
			Err: "TransactionCanceledException", Want: `{"CancellationReasons":[` + none + `,` + validationError(msgKeySchema) + `]}`,
			LocalDiffers: localTxKeyReason, Local: localCanceled},
		canceledStep(transact(tDelete(Item{"pk": L(S("x"))})), validationError(msgKeySchema)),
		canceledStep(transact(tCheck(Item{"pk": N("5")}, "attribute_exists(pk)")), validationError(msgKeySchema)),
		get(kA, `{"Item":null}`),
	}},
	{Name: "a missing or extra key attribute cancels the transaction", Table: hashRangeS, Steps: []Step{
		canceledStep(transact(tPut(Item{"pk": S("a")}, "")),
			validationError("One or more parameter values were invalid: Missing the key sk in the item")),
		canceledStep(transact(tDelete(Item{"pk": S("a")})), validationError(msgKeySchema)),
		canceledStep(transact(tCheck(Item{"pk": S("a"), "sk": S("1"), "x": S("1")}, "attribute_exists(pk)")), validationError(msgKeySchema)),
	}},
	{Name: "only the first item failing validation has a reason", Table: hashS, Steps: []Step{
		{Call: transact(tPut(Item{"pk": N("7")}, ""), tPut(Item{"pk": N("8")}, ""), tPut(kA, "attribute_exists(pk)")),
			Err: "TransactionCanceledException", Msg: "*[ValidationError, None, None]",
			Want:         `{"CancellationReasons":[` + validationError(typeMsgPkSN) + `,` + none + `,` + none + `]}`,
			LocalDiffers: localTxFirstReason, Local: localCanceled},
	}},
	{Name: "an empty key value is the request's error", Table: hashS, Steps: []Step{
		{Call: transact(tPut(kA, ""), tPut(Item{"pk": S("")}, "")), Err: "ValidationException", Msg: emptyKeyMsg},
		{Call: transact(tPut(kA, ""), tUpdate(Item{"pk": S("")}, "SET n = :one", Item{":one": N("1")})), Err: "ValidationException", Msg: emptyKeyMsg},
		{Call: transact(tPut(Item{"pk": N("1")}, ""), tCheck(Item{"pk": S("")}, "attribute_exists(pk)")), Err: "ValidationException", Msg: emptyKeyMsg},
	}},
	{Name: "two operations on one item come first", Table: hashS, Steps: []Step{
		put(kB),
		{Call: transact(tPut(kA, "attribute_exists(pk)"), tPut(kB, ""), tDelete(kB)), Err: "ValidationException", Msg: msgOneItem},
		{Call: transact(tPut(Item{"pk": N("1")}, ""), tPut(kB, ""), tDelete(kB)), Err: "ValidationException", Msg: msgOneItem},
		{Call: transact(tPut(kA, ""), tPut(kB, "attribute_not_exists(pk)"), tDelete(kB)), Err: "ValidationException", Msg: msgOneItem,
			LocalDiffers: localTxOneItem, Local: localCanceled},
	}},
	{Name: "an update the item cannot take cancels the transaction", Table: hashS, Steps: []Step{
		put(Item{"pk": S("a"), "s": S("x"), "n": N(hugeNumber)}),
		canceledStep(transact(tPut(kB, ""), tUpdate(kA, "SET s.b = :one", Item{":one": N("1")})),
			none, validationError("The document path provided in the update expression is invalid for update")),
		canceledStep(transact(tUpdate(kA, "SET s = s + :one", Item{":one": N("1")})),
			validationError("An operand in the update expression has an incorrect data type")),
		canceledStep(transact(tUpdate(kA, "SET n = n + :big", Item{":big": N(hugeNumber)}), tPut(kB, "")),
			validationError("Number overflow. Attempting to store a number with magnitude larger than supported range"), none),
		get(kA, `{"Item":{"pk":{"S":"a"},"s":{"S":"x"},"n":{"N":"`+hugeNumber+`"}}}`),
		get(kB, `{"Item":null}`),
	}},
	{Name: "updating a key attribute cancels the transaction", Table: hashS, Steps: []Step{
		{Call: transact(tPut(kB, ""), tUpdate(kA, "SET pk = :x", Item{":x": S("x")})), Err: "TransactionCanceledException",
			Want:         `{"CancellationReasons":[` + none + `,` + validationError("One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key") + `]}`,
			LocalDiffers: localTxReasonCount, Local: localCanceled},
	}},
	{Name: "TransactGetItems refuses two gets of one item", Table: hashS, Steps: []Step{
		{Call: &dynamodb.TransactGetItemsInput{TransactItems: []types.TransactGetItem{tGet(kA), tGet(kB), tGet(kA)}},
			Err: "ValidationException", Msg: msgOneItem},
	}},
	{Name: "TransactGetItems cancels on a key that does not match the table", Table: hashRangeS, Steps: []Step{
		canceledGet(validationError(msgKeySchema), none, tGet(Item{"pk": S("a"), "sk": N("1")}), tGet(Item{"pk": S("a"), "sk": S("1")})),
		canceledGet(none, validationError(msgKeySchema), tGet(Item{"pk": S("a"), "sk": S("1")}), tGet(Item{"pk": S("a")})),
		{Call: &dynamodb.TransactGetItemsInput{TransactItems: []types.TransactGetItem{tGet(Item{"pk": S(""), "sk": S("1")})}},
			Err: "ValidationException", Msg: emptyKeyMsg},
	}},
}

// Messages of the cases above.
const (
	msgKeySchema = "The provided key element does not match the schema"
	msgOneItem   = "Transaction request cannot include multiple operations on one item"
	emptyKeyMsg  = "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"
)

// hugeNumber is 9E+125, as DynamoDB writes it: a number whose double overflows.
var hugeNumber = "9" + strings.Repeat("0", 125)

// canceledStep is a TransactWriteItems wanting TransactionCanceledException
// with the given reasons; DynamoDB Local answers these with a
// ValidationException or other reasons, and is checked for nothing.
func canceledStep(in *dynamodb.TransactWriteItemsInput, reasons ...string) Step {
	s := canceledBy(in, reasonCodes(reasons), reasons...)
	s.LocalDiffers = localTxItemError
	return s
}

// canceledGet is a TransactGetItems of gets wanting the two reasons.
func canceledGet(r1, r2 string, gets ...types.TransactGetItem) Step {
	s := canceledBy(&dynamodb.TransactGetItemsInput{TransactItems: gets}, reasonCodes([]string{r1, r2}), r1, r2)
	s.LocalDiffers, s.Local = localTxGetReasons, localCanceled
	return s
}

// reasonCodes returns the codes of reasons built by validationError and
// none.
func reasonCodes(reasons []string) []string {
	codes := make([]string, len(reasons))
	for i, r := range reasons {
		codes[i] = "ValidationError"
		if r == none {
			codes[i] = "None"
		}
	}
	return codes
}
