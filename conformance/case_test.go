package conformance

import "github.com/aws/aws-sdk-go-v2/service/dynamodb"

// Case is one small test of DynamoDB behaviour: a fresh table (or none),
// steps run in order, and optional custom checks.
type Case struct {
	// Name names the subtest; it must be unique in its test.
	Name string
	// Table, when set, is created (with a fresh name, "$T" in requests)
	// before the steps and deleted after them.
	Table *dynamodb.CreateTableInput
	// Table2 is a second table ("$T2"), for cases that need two.
	Table2 *dynamodb.CreateTableInput
	// Steps run in order; each checks its own outcome.
	Steps []Step
	// Run, when set, runs after Steps for checks that do not fit a Step.
	Run func(e *Env)
	// LocalDiffers, when set, says why DynamoDB Local cannot run this case
	// as DynamoDB behaves, with a source; the case is skipped there.
	LocalDiffers string
	// EngineGap, when set, says what the engine gets wrong in this case. It
	// runs on the engine all the same: failures are reported as a skip
	// naming the gap, and a pass fails so that the mark gets removed.
	EngineGap string
}

// Step is one request and its expected outcome, as Amazon DynamoDB
// documents it.
//
// In requests, "$T", "$T2" and "$ARN" stand for the case's table names and
// its first table's ARN, "$R" for a random string unique to the run (for
// idempotency tokens), and a nil TableName field means "$T". In responses
// and messages the real names are replaced by the same placeholders.
type Step struct {
	// Call is an SDK input such as *dynamodb.PutItemInput; the operation is
	// the type's name without "Input".
	Call any
	// Raw is a request sent over HTTP without the SDK, instead of Call.
	Raw *Raw
	// Want is JSON the response must contain (see match); "" checks only
	// that the call succeeds.
	Want string
	// Err is the expected exception type, as ErrorCode() gives it.
	Err string
	// Msg is the expected error message; '*' matches any text. "" leaves
	// the message unchecked.
	Msg string
	// Status is the expected HTTP status of a Raw request (0: unchecked).
	Status int
	// Header holds response headers a Raw request's response must have,
	// "" for one it must not have.
	Header map[string]string
	// Text is the exact body a Raw request's response must have, for
	// bodies that are not JSON.
	Text *string
	// LocalDiffers, when set, says how DynamoDB Local's outcome differs from
	// DynamoDB's, with a source. On DynamoDB Local the step then checks only
	// Local, or nothing when Local is nil, and it is left out of the
	// comparison between backends.
	LocalDiffers string
	// Local is what DynamoDB Local gets right when LocalDiffers is set.
	Local *Expect
}

// Expect is an expected outcome: the fields mean what Step's do.
type Expect struct {
	Want   string
	Err    string
	Msg    string
	Status int
	Header map[string]string
	Text   *string
}

// expect returns the outcome s expects on backend b.
func (s Step) expect(b *Backend) (Expect, bool) {
	if s.LocalDiffers != "" && b.IsLocal() {
		if s.Local == nil {
			return Expect{}, false
		}
		return *s.Local, true
	}
	return Expect{Want: s.Want, Err: s.Err, Msg: s.Msg, Status: s.Status, Header: s.Header, Text: s.Text}, true
}
