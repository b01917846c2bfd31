package main

// Foreign clients: the AWS CLI and boto3 run testdata/clients/flow.json's
// steps against the server, built and started as a child process, and each
// step's result is checked against the flow's "want" table.

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

const (
	installClients = "scripts/install-clients.sh"
	flowFile       = "testdata/clients/flow.json"
	boto3Script    = "testdata/clients/boto3_flow.py"

	buildTimeout  = 3 * time.Minute
	toolTimeout   = 30 * time.Second // one aws command, or a tool's version check
	boto3Timeout  = time.Minute      // the whole boto3 flow
	serverStartup = 10 * time.Second
	serverStop    = 5 * time.Second
)

func TestForeignClients(t *testing.T) {
	if testing.Short() {
		t.Skip("foreign clients take seconds; skipped with -short")
	}
	f := loadFlow(t)
	bin := buildServer(t)
	t.Run("aws-cli", func(t *testing.T) {
		t.Parallel()
		env := clientEnv(t)
		aws := findTool(t, env, "the AWS CLI", []string{"--version"}, "/usr/bin/aws", "aws")
		cli := awsCLI{t: t, path: aws, endpoint: startServer(t, bin), env: env}
		checkFlow(t, f.Want, cliFlow(cli, f))
	})
	t.Run("boto3", func(t *testing.T) {
		t.Parallel()
		env := clientEnv(t)
		python := findTool(t, env, "boto3", []string{"-c", "import boto3"}, "/usr/bin/python3", "python3")
		checkFlow(t, f.Want, boto3Flow(t, env, python, startServer(t, bin)))
	})
}

// flow is testdata/clients/flow.json: the items each client writes, what it
// reads, and the fields each step's result must have.
type flow struct {
	Table    string           `json:"table"`
	Index    string           `json:"index"`
	Put      map[string]any   `json:"put"`
	Batch    []map[string]any `json:"batch"`
	Transact map[string]any   `json:"transact"`
	Query    struct {
		PK     string `json:"pk"`
		Prefix string `json:"prefix"`
	} `json:"query"`
	QueryIndex struct {
		SK string `json:"sk"`
	} `json:"queryIndex"`
	// Want holds, by step, dotted paths into the step's result (list
	// elements by index) and the values they must have.
	Want map[string]map[string]any `json:"want"`
}

func loadFlow(t *testing.T) *flow {
	t.Helper()
	data, err := os.ReadFile(flowFile)
	if err != nil {
		t.Fatal(err)
	}
	f := new(flow)
	if err := json.Unmarshal(data, f); err != nil {
		t.Fatalf("%s: %v", flowFile, err)
	}
	return f
}

// key is the key of the item the flow puts, gets and deletes.
func (f *flow) key() map[string]any {
	return map[string]any{"PK": f.Put["PK"], "SK": f.Put["SK"]}
}

// cliFlow runs the flow's steps with the AWS CLI and returns their results.
func cliFlow(c awsCLI, f *flow) map[string]any {
	key := avItem(f.key())
	r := map[string]any{}
	r["create-table"] = c.run("create-table", "--table-name", f.Table,
		"--attribute-definitions", "AttributeName=PK,AttributeType=S", "AttributeName=SK,AttributeType=S",
		"--key-schema", "AttributeName=PK,KeyType=HASH", "AttributeName=SK,KeyType=RANGE",
		"--global-secondary-indexes", jsonArg([]any{map[string]any{
			"IndexName": f.Index,
			"KeySchema": []any{
				map[string]any{"AttributeName": "SK", "KeyType": "HASH"},
				map[string]any{"AttributeName": "PK", "KeyType": "RANGE"},
			},
			"Projection": map[string]any{"ProjectionType": "ALL"},
		}}),
		"--billing-mode", "PAY_PER_REQUEST")
	r["describe-table"] = c.run("describe-table", "--table-name", f.Table)

	r["put-item"] = c.run("put-item", "--table-name", f.Table, "--item", jsonArg(avItem(f.Put)),
		"--return-consumed-capacity", "TOTAL")
	var puts []any
	for _, item := range f.Batch {
		puts = append(puts, map[string]any{"PutRequest": map[string]any{"Item": avItem(item)}})
	}
	r["batch-write-item"] = c.run("batch-write-item", "--request-items", jsonArg(map[string]any{f.Table: puts}))
	r["get-item"] = c.run("get-item", "--table-name", f.Table, "--key", jsonArg(key))
	r["query"] = c.run("query", "--table-name", f.Table,
		"--key-condition-expression", "PK = :pk AND begins_with(SK, :prefix)",
		"--expression-attribute-values", jsonArg(avItem(map[string]any{":pk": f.Query.PK, ":prefix": f.Query.Prefix})))

	transaction := jsonArg([]any{
		map[string]any{"Put": map[string]any{
			"TableName":           f.Table,
			"Item":                avItem(f.Transact),
			"ConditionExpression": "attribute_not_exists(PK)",
		}},
		map[string]any{"ConditionCheck": map[string]any{
			"TableName":           f.Table,
			"Key":                 key,
			"ConditionExpression": "attribute_exists(PK)",
		}},
	})
	r["transact-write-items"] = c.run("transact-write-items", "--transact-items", transaction,
		"--return-consumed-capacity", "TOTAL")
	r["transact-write-items-cancelled"] = c.cancelled("transact-write-items", "--transact-items", transaction)

	r["query-index"] = c.run("query", "--table-name", f.Table, "--index-name", f.Index,
		"--key-condition-expression", "SK = :sk",
		"--expression-attribute-values", jsonArg(avItem(map[string]any{":sk": f.QueryIndex.SK})))
	scan := c.run("scan", "--table-name", f.Table)
	if items, ok := scan["Items"].([]any); ok {
		slices.SortFunc(items, compareKeys)
	}
	r["scan"] = scan
	r["delete-item"] = c.run("delete-item", "--table-name", f.Table, "--key", jsonArg(key),
		"--return-values", "ALL_OLD")
	r["delete-table"] = c.run("delete-table", "--table-name", f.Table)
	r["list-tables"] = c.run("list-tables")
	return r
}

// awsCLI runs `aws dynamodb` commands against one endpoint; a command that
// fails unexpectedly fails the test.
type awsCLI struct {
	t        *testing.T
	path     string
	endpoint string
	env      []string
}

// exec runs `aws dynamodb ARGS...` and returns its standard output.
func (c awsCLI) exec(args ...string) []byte {
	c.t.Helper()
	stdout, stderr, err := c.command(args)
	if err != nil {
		c.t.Fatalf("aws dynamodb %s: %v\nstderr:\n%s\nstdout:\n%s", args[0], err, stderr, stdout)
	}
	return stdout
}

// run runs `aws dynamodb ARGS...` and returns its output, parsed as JSON,
// with items converted from DynamoDB JSON to plain values.
func (c awsCLI) run(args ...string) map[string]any {
	c.t.Helper()
	stdout := c.exec(args...)
	var out map[string]any
	if err := json.Unmarshal(stdout, &out); err != nil {
		c.t.Fatalf("aws dynamodb %s: output is not a JSON object: %v\n%s", args[0], err, stdout)
	}
	for _, name := range []string{"Item", "Attributes"} {
		if item, ok := out[name].(map[string]any); ok {
			out[name] = plainItem(item)
		}
	}
	if items, ok := out["Items"].([]any); ok {
		for i, item := range items {
			if m, ok := item.(map[string]any); ok {
				items[i] = plainItem(m)
			}
		}
	}
	return out
}

// cliError matches the AWS CLI's report of a cancelled transaction, whose
// message ends with the reasons' codes: "[ConditionalCheckFailed, None]".
var cliError = regexp.MustCompile(`An error occurred \((\w+)\) when calling the \w+ operation: .*\[([\w, ]*)\]`)

// cancelled runs a transaction that must be cancelled, and returns its error
// code and its reasons' codes as stated on the CLI's standard error.
func (c awsCLI) cancelled(args ...string) map[string]any {
	c.t.Helper()
	stdout, stderr, err := c.command(args)
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		c.t.Fatalf("aws dynamodb %s: %v, want a failure\nstderr:\n%s\nstdout:\n%s", args[0], err, stderr, stdout)
	}
	m := cliError.FindSubmatch(stderr)
	if m == nil {
		c.t.Fatalf("aws dynamodb %s: stderr does not match %s:\n%s", args[0], cliError, stderr)
	}
	return map[string]any{"Code": string(m[1]), "Reasons": strings.Split(string(m[2]), ", ")}
}

func (c awsCLI) command(args []string) (stdout, stderr []byte, err error) {
	args = append(append([]string{"dynamodb"}, args...),
		"--endpoint-url", c.endpoint, "--region", "us-east-1", "--output", "json")
	return command(c.t, toolTimeout, c.env, c.path, args...)
}

// boto3Flow runs the flow with testdata/clients/boto3_flow.py and returns
// the results it prints.
func boto3Flow(t *testing.T, env []string, python, endpoint string) map[string]any {
	t.Helper()
	stdout, stderr, err := command(t, boto3Timeout, env, python, boto3Script, endpoint, flowFile)
	if err != nil {
		t.Fatalf("%s %s: %v\nstderr:\n%s\nstdout:\n%s", python, boto3Script, err, stderr, stdout)
	}
	var r map[string]any
	if err := json.Unmarshal(stdout, &r); err != nil {
		t.Fatalf("%s: output is not a JSON object: %v\n%s", boto3Script, err, stdout)
	}
	return r
}

// checkFlow reports every field of want that results lacks or holds with
// another value. Values are compared as JSON: all numbers are float64.
func checkFlow(t *testing.T, want map[string]map[string]any, results map[string]any) {
	t.Helper()
	got := asJSON(t, results)
	for _, step := range slices.Sorted(maps.Keys(want)) {
		result, ok := got[step]
		if !ok {
			t.Errorf("%s: no result", step)
			continue
		}
		for _, path := range slices.Sorted(maps.Keys(want[step])) {
			w := want[step][path]
			switch g, ok := lookup(result, path); {
			case !ok:
				t.Errorf("%s: %s is missing, want %s; result: %s", step, path, jsonArg(w), jsonArg(result))
			case !reflect.DeepEqual(g, w):
				t.Errorf("%s: %s = %s, want %s", step, path, jsonArg(g), jsonArg(w))
			}
		}
	}
}

// lookup returns the value at a dotted path, list elements by index.
func lookup(v any, path string) (any, bool) {
	for part := range strings.SplitSeq(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			e, ok := x[part]
			if !ok {
				return nil, false
			}
			v = e
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// asJSON returns v as encoding/json decodes it into an any.
func asJSON(t *testing.T, v map[string]any) map[string]any {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func jsonArg(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(data)
}

// compareKeys orders plain items by PK, then SK.
func compareKeys(a, b any) int {
	attr := func(item any, name string) string {
		m, _ := item.(map[string]any)
		s, _ := m[name].(string)
		return s
	}
	return cmp.Or(cmp.Compare(attr(a, "PK"), attr(b, "PK")), cmp.Compare(attr(a, "SK"), attr(b, "SK")))
}

// avItem converts an item of plain JSON values to DynamoDB JSON.
func avItem(item map[string]any) map[string]any {
	out := make(map[string]any, len(item))
	for k, v := range item {
		out[k] = toAV(v)
	}
	return out
}

func toAV(v any) any {
	switch v := v.(type) {
	case string:
		return map[string]any{"S": v}
	case float64:
		return map[string]any{"N": strconv.FormatFloat(v, 'f', -1, 64)}
	case bool:
		return map[string]any{"BOOL": v}
	case nil:
		return map[string]any{"NULL": true}
	case []any:
		l := make([]any, len(v))
		for i, e := range v {
			l[i] = toAV(e)
		}
		return map[string]any{"L": l}
	case map[string]any:
		return map[string]any{"M": avItem(v)}
	}
	panic(fmt.Sprintf("%s: no DynamoDB type for %T", flowFile, v))
}

// plainItem converts an item in DynamoDB JSON to plain JSON values, as
// boto3's resource returns them: numbers as numbers, and lists, maps,
// booleans and nulls as themselves. Other types stay as they are.
func plainItem(item map[string]any) map[string]any {
	out := make(map[string]any, len(item))
	for k, v := range item {
		out[k] = fromAV(v)
	}
	return out
}

func fromAV(av any) any {
	m, ok := av.(map[string]any)
	if !ok || len(m) != 1 {
		return av
	}
	for typ, v := range m {
		switch typ {
		case "S", "BOOL":
			return v
		case "NULL":
			return nil
		case "N":
			if s, ok := v.(string); ok {
				if f, err := strconv.ParseFloat(s, 64); err == nil {
					return f
				}
			}
		case "L":
			if l, ok := v.([]any); ok {
				out := make([]any, len(l))
				for i, e := range l {
					out[i] = fromAV(e)
				}
				return out
			}
		case "M":
			if m, ok := v.(map[string]any); ok {
				return plainItem(m)
			}
		}
	}
	return av
}

// clientEnv is the environment of the clients: this process's, without its
// AWS settings, with dummy credentials and no configuration files, so that
// a developer's profile, region or pager cannot interfere.
func clientEnv(t *testing.T) []string {
	dir := t.TempDir()
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, "AWS_") })
	return append(env,
		"AWS_ACCESS_KEY_ID=dokklib",
		"AWS_SECRET_ACCESS_KEY=dokklib",
		"AWS_DEFAULT_REGION=us-east-1",
		"AWS_CONFIG_FILE="+filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(dir, "credentials"),
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_PAGER=",
	)
}

// findTool returns the first candidate (a path, or a name looked up in PATH)
// with which `CANDIDATE CHECK...` succeeds, in the order that
// scripts/install-clients.sh looks. Without one it skips the test, or fails
// it in CI (when $CI is set), where the script should have installed them.
func findTool(t *testing.T, env []string, what string, check []string, candidates ...string) string {
	t.Helper()
	for _, c := range candidates {
		path, err := exec.LookPath(c)
		if err != nil {
			continue
		}
		if _, _, err := command(t, toolTimeout, env, path, check...); err == nil {
			return path
		}
	}
	msg := fmt.Sprintf("%s is missing (tried %s): run %s", what, strings.Join(candidates, ", "), installClients)
	if os.Getenv("CI") != "" {
		t.Fatal(msg + " (CI is set: this fails instead of skipping)")
	}
	t.Skip(msg)
	return ""
}

// command runs name with args within timeout, and returns its output.
func command(t *testing.T, timeout time.Duration, env []string, name string, args ...string) (stdout, stderr []byte, err error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = env
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	cmd.WaitDelay = time.Second
	err = cmd.Run()
	if ctx.Err() != nil {
		err = fmt.Errorf("%w (timeout %v)", err, timeout)
	}
	return out.Bytes(), errOut.Bytes(), err
}

// buildServer builds this command into a temporary directory, with the race
// detector when the test has it.
func buildServer(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "dokklib-local")
	args := []string{"build", "-o", bin}
	if raceEnabled() {
		args = append(args, "-race")
	}
	if stdout, stderr, err := command(t, buildTimeout, os.Environ(), "go", append(args, ".")...); err != nil {
		t.Fatalf("go build: %v\n%s%s", err, stdout, stderr)
	}
	return bin
}

func raceEnabled() bool {
	info, ok := debug.ReadBuildInfo()
	return ok && slices.Contains(info.Settings, debug.BuildSetting{Key: "-race", Value: "true"})
}

// startServer starts the server on a free loopback port, waits until it
// answers and returns its endpoint. The server is stopped, and
// must exit cleanly, when the test ends.
func startServer(t *testing.T, bin string) string {
	t.Helper()
	for attempt := 1; ; attempt++ {
		s := newServer(t, bin)
		err := s.waitReady()
		if err == nil {
			return "http://" + s.addr
		}
		// The port can be taken between choosing it and the server's listen.
		if attempt < 3 && s.exited() && strings.Contains(s.log.String(), "address already in use") {
			s.discarded = true
			continue
		}
		t.Fatalf("server %s: %v", s.addr, err) // the cleanup logs its output
	}
}

type server struct {
	addr      string
	cmd       *exec.Cmd
	log       bytes.Buffer  // stdout and stderr; read only once done is closed
	done      chan struct{} // closed when the process has exited
	waitErr   error         // the process's exit; read only once done is closed
	discarded bool          // failed to start, and replaced by another
}

func newServer(t *testing.T, bin string) *server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &server{addr: ln.Addr().String(), done: make(chan struct{})}
	ln.Close()
	// The context kills the server before the test binary times out, when
	// cleanups would not run.
	ctx := context.Background()
	if deadline, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline.Add(-5*time.Second))
		t.Cleanup(cancel)
	}
	s.cmd = exec.CommandContext(ctx, bin, "-addr", s.addr)
	s.cmd.Stdout, s.cmd.Stderr = &s.log, &s.log
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		s.waitErr = s.cmd.Wait()
		close(s.done)
	}()
	t.Cleanup(func() {
		if err := s.stop(); err != nil {
			t.Errorf("server %s (pid %d): %v\n%s", s.addr, s.cmd.Process.Pid, err, s.output())
		} else if t.Failed() {
			t.Logf("server %s log:\n%s", s.addr, s.output())
		}
	})
	return s
}

// waitReady waits until the server answers on its address as DynamoDB does,
// with a request ID: a connection alone might reach another process that
// took the port first.
func (s *server) waitReady() error {
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(serverStartup)
	for {
		resp, err := client.Get("http://" + s.addr + "/")
		if err == nil {
			resp.Body.Close()
			if resp.Header.Get("X-Amzn-Requestid") != "" {
				return nil
			}
			err = fmt.Errorf("%s answers without a request ID", resp.Status)
		}
		select {
		case <-s.done:
			return fmt.Errorf("exited: %v", s.waitErr)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("no answer within %v: %v", serverStartup, err)
		}
	}
}

func (s *server) exited() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// stop stops the server by its PID with SIGTERM, then SIGKILL after
// serverStop, and returns why it did not exit cleanly.
func (s *server) stop() error {
	if s.exited() {
		if s.discarded {
			return nil
		}
		return fmt.Errorf("exited before it was stopped: %v", s.waitErr)
	}
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		s.cmd.Process.Kill()
	}
	select {
	case <-s.done:
		if s.waitErr != nil {
			return fmt.Errorf("after SIGTERM: %v", s.waitErr)
		}
		return nil
	case <-time.After(serverStop):
		s.cmd.Process.Kill()
		<-s.done
		return fmt.Errorf("still running %v after SIGTERM; killed", serverStop)
	}
}

// output is the server's log; call it only once the server has exited.
func (s *server) output() string {
	<-s.done
	return s.log.String()
}
