package conformance

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/smithy-go"
)

// Env runs one case on one backend: it holds the case's table names, sends
// requests, checks outcomes and collects failures.
type Env struct {
	T       *testing.T
	B       *Backend
	Ctx     context.Context
	names   map[string]string // placeholder ("$T", "$T2", "$ARN", "$R") -> value
	created []string          // tables this run created
	fails   []string
	log     []outcome // outcomes to compare between backends
	steps   int
}

// outcome is what a request got: a decoded, normalized response or an error.
type outcome struct {
	op      string
	status  int
	body    any
	code    string
	msg     string
	compare bool // left out of the comparison between backends when false
	out     any  // the SDK's output, for custom checks
	header  http.Header
	raw     []byte // the response body as received, for raw requests
}

// errAbort stops a case after a failure that later steps depend on.
var errAbort = errors.New("case aborted")

// newEnv makes the environment for case c on backend b, with fresh table
// names.
func newEnv(t *testing.T, b *Backend, c *Case) *Env {
	base := tableBase(c.Name)
	return &Env{T: t, B: b, Ctx: context.Background(), names: map[string]string{
		"$T": base + "-" + randHex(), "$T2": base + "-" + randHex(), "$ARN": "", "$R": randHex() + randHex(),
	}}
}

// tableBase turns a case name into the stem of its table names.
func tableBase(name string) string {
	s := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '.' {
			return r
		}
		return '_'
	}, name)
	return "conf-" + s[:min(len(s), 150)]
}

// randHex returns 8 random hex digits.
func randHex() string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Name returns the real name behind a placeholder such as "$T".
func (e *Env) Name(placeholder string) string { return e.names[placeholder] }

// forward replaces placeholders with real names, for requests.
func (e *Env) forward() *strings.Replacer {
	return strings.NewReplacer("$T2", e.names["$T2"], "$T", e.names["$T"], "$ARN", e.names["$ARN"], "$R", e.names["$R"])
}

// backward replaces real table names with placeholders, for responses.
func (e *Env) backward() *strings.Replacer {
	return strings.NewReplacer(e.names["$T2"], "$T2", e.names["$T"], "$T")
}

// Errorf records a failure of the case.
func (e *Env) Errorf(format string, args ...any) {
	e.fails = append(e.fails, fmt.Sprintf(format, args...))
}

// Fatalf records a failure and stops the case.
func (e *Env) Fatalf(format string, args ...any) {
	e.Errorf(format, args...)
	panic(errAbort)
}

// Do sends step s, checks its outcome and records it for the comparison
// between backends.
func (e *Env) Do(s Step) outcome {
	e.steps++
	return e.do(fmt.Sprintf("step %d", e.steps), s)
}

// do is Do with the step named by where in failures.
func (e *Env) do(where string, s Step) outcome {
	o := e.send(s)
	if want, ok := s.expect(e.B); ok {
		e.check(where+" ("+o.op+")", o, want)
	}
	o.compare = s.LocalDiffers == ""
	e.log = append(e.log, o)
	return o
}

// localRetries is how many times a request that DynamoDB Local answers
// with InternalFailure is sent again, as DynamoDB's clients retry 500s:
// under the suite's parallel load, Local at times fails UpdateTables so.
const localRetries = 3

// send sends a step without checking it.
func (e *Env) send(s Step) outcome {
	if s.Raw != nil {
		return e.raw(s.Raw)
	}
	o := e.Call(s.Call)
	for i := 0; i < localRetries && e.B.IsLocal() && o.code == "InternalFailure" && !s.expectsFailure(e.B); i++ {
		sleep()
		o = e.Call(s.Call)
	}
	return o
}

// expectsFailure reports whether the step expects an InternalFailure on b.
func (s Step) expectsFailure(b *Backend) bool {
	want, ok := s.expect(b)
	return ok && want.Err == "InternalFailure"
}

// check compares an outcome with an expectation.
func (e *Env) check(where string, o outcome, want Expect) {
	if want.Status != 0 && o.status != want.Status {
		e.Errorf("%s: HTTP status %d, want %d", where, o.status, want.Status)
	}
	e.checkRaw(where, o, want)
	switch {
	case want.Err != "" && o.code != want.Err:
		e.Errorf("%s: got %s, want %s", where, o.describe(), want.Err)
	case want.Err != "" && want.Msg != "" && !globMatch(want.Msg, o.msg):
		e.Errorf("%s: message %q, want %q", where, o.msg, want.Msg)
	case want.Err == "" && o.code != "":
		e.Errorf("%s: got %s, want success", where, o.describe())
	case want.Want != "":
		e.match(where, o, want.Want)
	}
}

// checkRaw checks the headers and text body of a raw response.
func (e *Env) checkRaw(where string, o outcome, want Expect) {
	for k, v := range want.Header {
		if got := o.header.Get(k); got != v {
			e.Errorf("%s: header %s %q, want %q", where, k, got, v)
		}
	}
	if want.Text != nil && string(o.raw) != *want.Text {
		e.Errorf("%s: body %q, want %q", where, o.raw, *want.Text)
	}
}

// match checks that the response (or error) body of o contains want.
func (e *Env) match(where string, o outcome, want string) {
	w, err := decodeJSON([]byte(want))
	if err != nil {
		e.Fatalf("%s: bad Want JSON: %v", where, err)
	}
	m := &matcher{}
	m.diff("response", normalize(o.op, w), o.body)
	for _, d := range m.diffs {
		e.Errorf("%s: %s", where, d)
	}
}

func (o outcome) describe() string {
	if o.code == "" {
		return "success " + show(o.body)
	}
	return fmt.Sprintf("%s (%q)", o.code, o.msg)
}

// Call sends an SDK input (such as *dynamodb.GetItemInput) after replacing
// its placeholders, and returns the decoded, normalized response.
func (e *Env) Call(in any) outcome {
	in = subst(in, e.forward())
	op := strings.TrimSuffix(reflect.TypeOf(in).Elem().Name(), "Input")
	method := reflect.ValueOf(e.B.Client).MethodByName(op)
	if !method.IsValid() {
		e.Fatalf("no SDK operation %s", op)
	}
	rec := &recorder{}
	opt := func(o *dynamodb.Options) {
		o.Retryer = aws.NopRetryer{}
		rec.next = o.HTTPClient
		o.HTTPClient = rec
	}
	ctx, cancel := context.WithTimeout(e.Ctx, 30*time.Second)
	defer cancel()
	res := method.Call([]reflect.Value{reflect.ValueOf(ctx), reflect.ValueOf(in), reflect.ValueOf(opt)})
	err, _ := res[1].Interface().(error)
	o := outcome{op: op, status: rec.status, out: res[0].Interface()}
	if err != nil {
		o.code, o.msg = errorCode(err)
		o.msg = e.backward().Replace(o.msg)
		o.body, _ = decodeJSON([]byte(e.backward().Replace(string(rec.body))))
		return o
	}
	o.body = e.decode(op, rec.body)
	e.noteTable(op, o.body)
	return o
}

// errorCode returns the exception type and message of an SDK error.
func errorCode(err error) (code, msg string) {
	var api smithy.APIError
	if errors.As(err, &api) {
		return api.ErrorCode(), api.ErrorMessage()
	}
	return "ClientError", err.Error()
}

// decode decodes a response body, with real table names replaced by their
// placeholders.
func (e *Env) decode(op string, body []byte) any {
	v, err := decodeJSON([]byte(e.backward().Replace(string(body))))
	if err != nil {
		e.Errorf("%s: response is not JSON: %v: %q", op, err, body)
		return nil
	}
	return normalize(op, v)
}

// noteTable remembers tables created by CreateTable, so that they are
// deleted, and the first table's ARN.
func (e *Env) noteTable(op string, body any) {
	if op != "CreateTable" {
		return
	}
	desc, _ := body.(map[string]any)["TableDescription"].(map[string]any)
	name, _ := desc["TableName"].(string)
	e.created = append(e.created, name)
	if arn, ok := desc["TableArn"].(string); ok && name == "$T" {
		e.names["$ARN"] = strings.ReplaceAll(arn, "$T", e.names["$T"])
	}
}

// recorder is an SDK HTTP client that keeps the raw response body, so that
// responses are compared as DynamoDB sends them.
type recorder struct {
	next interface {
		Do(*http.Request) (*http.Response, error)
	}
	status int
	body   []byte
}

// Do sends req with the wrapped client and records the response.
func (r *recorder) Do(req *http.Request) (*http.Response, error) {
	resp, err := r.next.Do(req)
	if err != nil {
		return resp, err
	}
	r.body, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	r.status = resp.StatusCode
	resp.Body = io.NopCloser(bytes.NewReader(r.body))
	return resp, err
}
