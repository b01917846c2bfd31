package local

import (
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"
)

// mustCall runs one operation through the engine's HTTP handler and
// fails the test unless it succeeds.
func mustCall(t *testing.T, e *Engine, op, body string) string {
	t.Helper()
	status, out := post(t, e, targetPrefix+op, []byte(body))
	if status != http.StatusOK {
		t.Fatalf("%s %s: %d %s", op, body, status, out)
	}
	return out
}

// openT opens an engine on dir that is closed when the test ends.
func openT(t *testing.T, dir string, opts ...Option) *Engine {
	t.Helper()
	e, err := Open(dir, append([]Option{WithTTLInterval(0)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = e.Close() })
	return e
}

// fillEveryKindOfState creates tables with every kind of setting, then
// writes, updates and deletes items in every way.
func fillEveryKindOfState(t *testing.T, e *Engine) {
	steps := [][2]string{
		{"CreateTable", `{"TableName":"TabA","AttributeDefinitions":[{"AttributeName":"PK","AttributeType":"S"},{"AttributeName":"SK","AttributeType":"S"},{"AttributeName":"L","AttributeType":"N"},{"AttributeName":"G","AttributeType":"B"}],` +
			`"KeySchema":[{"AttributeName":"PK","KeyType":"HASH"},{"AttributeName":"SK","KeyType":"RANGE"}],"BillingMode":"PAY_PER_REQUEST",` +
			`"LocalSecondaryIndexes":[{"IndexName":"LSI","KeySchema":[{"AttributeName":"PK","KeyType":"HASH"},{"AttributeName":"L","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}],` +
			`"GlobalSecondaryIndexes":[{"IndexName":"GSI_1","KeySchema":[{"AttributeName":"SK","KeyType":"HASH"},{"AttributeName":"PK","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}},` +
			`{"IndexName":"GIX","KeySchema":[{"AttributeName":"G","KeyType":"HASH"}],"Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["x"]}},` +
			`{"IndexName":"MIX","KeySchema":[{"AttributeName":"SK","KeyType":"HASH"},{"AttributeName":"PK","KeyType":"HASH"},{"AttributeName":"L","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}],` +
			`"StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_IMAGE"},"TableClass":"STANDARD_INFREQUENT_ACCESS","DeletionProtectionEnabled":true,` +
			`"Tags":[{"Key":"team","Value":"a"},{"Key":"env","Value":"dev"}]}`},
		{"CreateTable", `{"TableName":"TabB","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"N"}],"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],` +
			`"ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":7}}`},
		{"CreateTable", `{"TableName":"Gone","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`},
		{"PutItem", `{"TableName":"Gone","Item":{"id":{"S":"x"}}}`},
		{"DeleteTable", `{"TableName":"Gone"}`},
		{"PutItem", `{"TableName":"TabA","Item":{"PK":{"S":"p1"},"SK":{"S":"s1"},"L":{"N":"3"},"G":{"B":"AQI="},"x":{"L":[{"S":"a"},{"N":"1.5"},{"NULL":true}]},"y":{"M":{"z":{"SS":["b","a"]}}}}}`},
		{"PutItem", `{"TableName":"TabA","Item":{"PK":{"S":"p1"},"SK":{"S":"s2"},"big":{"S":"` + strings.Repeat("x", 5000) + `"}}}`},
		{"UpdateItem", `{"TableName":"TabA","Key":{"PK":{"S":"p1"},"SK":{"S":"s2"}},"UpdateExpression":"SET L = :l ADD n :one","ExpressionAttributeValues":{":l":{"N":"9"},":one":{"N":"1"}}}`},
		{"BatchWriteItem", `{"RequestItems":{"TabB":[{"PutRequest":{"Item":{"id":{"N":"1"},"v":{"BOOL":true}}}},{"PutRequest":{"Item":{"id":{"N":"2"}}}},{"PutRequest":{"Item":{"id":{"N":"3"}}}}],` +
			`"TabA":[{"PutRequest":{"Item":{"PK":{"S":"p2"},"SK":{"S":"s1"},"G":{"B":"AQI="},"x":{"N":"5"}}}}]}}`},
		{"TransactWriteItems", `{"TransactItems":[{"Delete":{"TableName":"TabB","Key":{"id":{"N":"3"}}}},{"Put":{"TableName":"TabA","Item":{"PK":{"S":"p3"},"SK":{"S":"s3"}}}},` +
			`{"Update":{"TableName":"TabB","Key":{"id":{"N":"2"}},"UpdateExpression":"SET w = :w","ExpressionAttributeValues":{":w":{"S":"t"}}}}]}`},
		{"DeleteItem", `{"TableName":"TabA","Key":{"PK":{"S":"p1"},"SK":{"S":"s1"}}}`},
		{"PutItem", `{"TableName":"TabA","Item":{"PK":{"S":"p1"},"SK":{"S":"s1"},"L":{"N":"4"},"exp":{"N":"4102444800"}}}`},
		{"UpdateTimeToLive", `{"TableName":"TabA","TimeToLiveSpecification":{"AttributeName":"exp","Enabled":true}}`},
		{"UntagResource", `{"ResourceArn":"arn:aws:dynamodb:us-east-1:000000000000:table/TabA","TagKeys":["env"]}`},
		{"TagResource", `{"ResourceArn":"arn:aws:dynamodb:us-east-1:000000000000:table/TabB","Tags":[{"Key":"k","Value":"v"}]}`},
		{"UpdateTable", `{"TableName":"TabB","AttributeDefinitions":[{"AttributeName":"w","AttributeType":"S"}],` +
			`"GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"WIX","KeySchema":[{"AttributeName":"w","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"},"ProvisionedThroughput":{"ReadCapacityUnits":2,"WriteCapacityUnits":3}}}]}`},
		{"UpdateTable", `{"TableName":"TabA","GlobalSecondaryIndexUpdates":[{"Delete":{"IndexName":"GIX"}}]}`},
		{"UpdateTable", `{"TableName":"TabB","BillingMode":"PAY_PER_REQUEST"}`},
	}
	for _, s := range steps {
		mustCall(t, e, s[0], s[1])
	}
}

// snapshot returns everything the engine answers about its tables: their
// descriptions, TTL, tags, items and index entries.
func snapshot(t *testing.T, e *Engine) string {
	t.Helper()
	var list struct{ TableNames []string }
	mustOK(t, json.Unmarshal([]byte(mustCall(t, e, "ListTables", `{}`)), &list))
	var b strings.Builder
	for _, name := range list.TableNames {
		desc := mustCall(t, e, "DescribeTable", `{"TableName":"`+name+`"}`)
		var d struct {
			Table struct {
				TableArn                                      string
				LocalSecondaryIndexes, GlobalSecondaryIndexes []struct{ IndexName string }
			}
		}
		mustOK(t, json.Unmarshal([]byte(desc), &d))
		b.WriteString(desc)
		b.WriteString(mustCall(t, e, "DescribeTimeToLive", `{"TableName":"`+name+`"}`))
		b.WriteString(mustCall(t, e, "ListTagsOfResource", `{"ResourceArn":"`+d.Table.TableArn+`"}`))
		b.WriteString(mustCall(t, e, "Scan", `{"TableName":"`+name+`"}`))
		for _, x := range append(d.Table.LocalSecondaryIndexes, d.Table.GlobalSecondaryIndexes...) {
			b.WriteString(mustCall(t, e, "Scan", `{"TableName":"`+name+`","IndexName":"`+x.IndexName+`"}`))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestOpenReopensEveryKindOfState(t *testing.T) {
	dir := t.TempDir()
	e := openT(t, dir)
	fillEveryKindOfState(t, e)
	want := snapshot(t, e)
	if !strings.Contains(want, `"TableName":"TabA"`) || strings.Contains(want, "Gone") {
		t.Fatalf("unexpected state:\n%s", want)
	}
	mustOK(t, e.Close())
	e = openT(t, dir)
	if got := snapshot(t, e); got != want {
		t.Fatalf("after reopening:\n%s\nwant\n%s", got, want)
	}
	// The reopened engine writes on, and a third opening sees that too.
	mustCall(t, e, "DeleteItem", `{"TableName":"TabA","Key":{"PK":{"S":"p3"},"SK":{"S":"s3"}}}`)
	mustCall(t, e, "CreateTable", `{"TableName":"Gone","AttributeDefinitions":[{"AttributeName":"k","AttributeType":"B"}],"KeySchema":[{"AttributeName":"k","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`)
	want = snapshot(t, e)
	mustOK(t, e.Close())
	if got := snapshot(t, openT(t, dir)); got != want {
		t.Fatalf("after reopening again:\n%s\nwant\n%s", got, want)
	}
}

func TestOpenFailedWritesAreNotStored(t *testing.T) {
	dir := t.TempDir()
	e := openT(t, dir)
	mustCall(t, e, "CreateTable", `{"TableName":"Tab","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`)
	mustCall(t, e, "PutItem", `{"TableName":"Tab","Item":{"id":{"S":"a"},"v":{"N":"1"}}}`)
	status, _ := post(t, e, targetPrefix+"TransactWriteItems", []byte(`{"TransactItems":[{"Put":{"TableName":"Tab","Item":{"id":{"S":"b"}}}},`+
		`{"ConditionCheck":{"TableName":"Tab","Key":{"id":{"S":"a"}},"ConditionExpression":"v = :two","ExpressionAttributeValues":{":two":{"N":"2"}}}}]}`))
	if status != http.StatusBadRequest {
		t.Fatalf("cancelled transaction: status %d", status)
	}
	want := snapshot(t, e)
	mustOK(t, e.Close())
	if got := snapshot(t, openT(t, dir)); got != want || strings.Contains(got, `"b"`) {
		t.Fatalf("after reopening:\n%s\nwant\n%s", got, want)
	}
}

func TestOpenTwiceIsLocked(t *testing.T) {
	dir := t.TempDir()
	e := openT(t, dir)
	_, err := Open(dir, WithLockTimeout(100*time.Millisecond))
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), DataFile) {
		t.Fatalf("second Open: %v, want ErrLocked naming the file", err)
	}
	mustOK(t, e.Close())
	openT(t, dir)
}

// corruptions damage a data file in the ways a test expects Open to
// refuse.
var corruptions = []struct {
	name   string
	damage func(t *testing.T, path string)
}{
	{"garbage", func(t *testing.T, path string) {
		mustOK(t, os.WriteFile(path, []byte(strings.Repeat("not a database ", 1000)), 0o600))
	}},
	{"tiny", func(t *testing.T, path string) { mustOK(t, os.Truncate(path, 100)) }},
	{"truncated to a quarter", truncate(1, 4)},
	{"truncated to a half", truncate(1, 2)},
	{"last page cut off", func(t *testing.T, path string) {
		var used int64
		rewrite(t, path, func(tx *bbolt.Tx) error { used = tx.Size(); return nil })
		mustOK(t, os.Truncate(path, used-4096))
	}},
	{"meta pages", func(t *testing.T, path string) {
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		mustOK(t, err)
		defer f.Close()
		for _, off := range []int64{20, 4096 + 20} {
			_, err = f.WriteAt([]byte("scribble"), off)
			mustOK(t, err)
		}
	}},
	{"item", func(t *testing.T, path string) {
		rewrite(t, path, func(tx *bbolt.Tx) error {
			items := tx.Bucket(bucketTables).Bucket([]byte("Tab")).Bucket(bucketItems)
			k, _ := items.Cursor().First()
			return items.Put(k, []byte{10, 0xff, 0xfe})
		})
	}},
	{"settings", func(t *testing.T, path string) {
		rewrite(t, path, func(tx *bbolt.Tx) error {
			return tx.Bucket(bucketTables).Bucket([]byte("Tab")).Put(keySettings, []byte(`{"name":"T"}`))
		})
	}},
	{"foreign file", func(t *testing.T, path string) {
		mustOK(t, os.Remove(path))
		rewrite(t, path, func(tx *bbolt.Tx) error {
			_, err := tx.CreateBucket([]byte("other"))
			return err
		})
	}},
}

// truncate returns a damage cutting the file to num/den of its pages.
func truncate(num, den int64) func(t *testing.T, path string) {
	return func(t *testing.T, path string) {
		fi, err := os.Stat(path)
		mustOK(t, err)
		mustOK(t, os.Truncate(path, fi.Size()/4096*num/den*4096))
	}
}

// rewrite changes the bbolt file at path with fn.
func rewrite(t *testing.T, path string, fn func(*bbolt.Tx) error) {
	t.Helper()
	db, err := bbolt.Open(path, 0o600, nil)
	mustOK(t, err)
	mustOK(t, db.Update(fn))
	mustOK(t, db.Close())
}

func TestOpenDamagedFile(t *testing.T) {
	for _, c := range corruptions {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			e := openT(t, dir)
			mustCall(t, e, "CreateTable", `{"TableName":"Tab","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`)
			for i := range 12 {
				var puts []string
				for j := range 25 {
					puts = append(puts, `{"PutRequest":{"Item":{"id":{"S":"`+strings.Repeat("k", 200)+itoa(i*25+j)+`"},"v":{"S":"`+strings.Repeat("v", 300)+`"}}}}`)
				}
				mustCall(t, e, "BatchWriteItem", `{"RequestItems":{"Tab":[`+strings.Join(puts, ",")+`]}}`)
			}
			mustOK(t, e.Close())
			path := filepath.Join(dir, DataFile)
			c.damage(t, path)
			e, err := Open(dir, WithLockTimeout(100*time.Millisecond))
			if err == nil {
				_ = e.Close()
				t.Fatal("Open succeeded")
			}
			t.Log(err)
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), path) {
				t.Fatalf("Open: %v, want ErrCorrupt naming the file", err)
			}
		})
	}
}

// failingStorage refuses every commit.
type failingStorage struct{ memStorage }

func (failingStorage) stage([]*table) uint64 { return 1 }

func (failingStorage) wait(uint64) error { return errors.New("disk on fire") }

func (failingStorage) latest() uint64 { return 1 }

func (failingStorage) durable() bool { return true }

func TestStorageFailureStopsTheEngine(t *testing.T) {
	e := newEngine(newOptions(nil), failingStorage{})
	status, body := post(t, e, targetPrefix+"CreateTable", []byte(`{"TableName":"Tab","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],`+
		`"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`))
	if status != http.StatusInternalServerError || !strings.Contains(body, "disk on fire") {
		t.Fatalf("CreateTable: %d %s", status, body)
	}
	status, body = post(t, e, targetPrefix+"ListTables", []byte(`{}`))
	if status != http.StatusInternalServerError || !strings.Contains(body, "disk on fire") {
		t.Fatalf("ListTables after the failure: %d %s", status, body)
	}
}

func TestOpenKeepsTTLDeletions(t *testing.T) {
	dir := t.TempDir()
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	e := openT(t, dir, WithClock(clock.now))
	mustCall(t, e, "CreateTable", `{"TableName":"Tab","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`)
	mustCall(t, e, "UpdateTimeToLive", `{"TableName":"Tab","TimeToLiveSpecification":{"AttributeName":"exp","Enabled":true}}`)
	mustCall(t, e, "PutItem", `{"TableName":"Tab","Item":{"id":{"S":"soon"},"exp":{"N":"1700000100"}}}`)
	mustCall(t, e, "PutItem", `{"TableName":"Tab","Item":{"id":{"S":"later"},"exp":{"N":"1700009999"}}}`)
	clock.set(time.Unix(1_700_000_200, 0))
	e.SweepExpired()
	mustOK(t, e.Close())
	got := mustCall(t, openT(t, dir), "Scan", `{"TableName":"Tab"}`)
	if !strings.Contains(got, `"Count":1,`) || !strings.Contains(got, "later") {
		t.Fatalf("after reopening: %s", got)
	}
}

func TestOpenLoadsEveryBatch(t *testing.T) {
	dir := t.TempDir()
	e := openT(t, dir)
	mustCall(t, e, "CreateTable", `{"TableName":"Tab","AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"},{"AttributeName":"g","AttributeType":"S"}],`+
		`"KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST",`+
		`"GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}]}`)
	const n = 3*loadBatch + 7 // whole batches and a partial one
	for i := 0; i < n; i += 25 {
		var puts []string
		for j := i; j < min(n, i+25); j++ {
			puts = append(puts, `{"PutRequest":{"Item":{"id":{"S":"k`+itoa(j)+`"},"g":{"S":"g`+itoa(j%2)+`"}}}}`)
		}
		mustCall(t, e, "BatchWriteItem", `{"RequestItems":{"Tab":[`+strings.Join(puts, ",")+`]}}`)
	}
	mustOK(t, e.Close())
	e = openT(t, dir)
	if got := mustCall(t, e, "Scan", `{"TableName":"Tab","Select":"COUNT"}`); !strings.Contains(got, `"Count":`+itoa(n)+`,`) {
		t.Fatalf("Scan after reopening: %s", got)
	}
	q := `{"TableName":"Tab","IndexName":"byG","Select":"COUNT","KeyConditionExpression":"g = :g","ExpressionAttributeValues":{":g":{"S":"g1"}}}`
	if got := mustCall(t, e, "Query", q); !strings.Contains(got, `"Count":`+itoa(n/2)+`,`) {
		t.Fatalf("index Query after reopening: %s", got)
	}
}
