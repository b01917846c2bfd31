package local

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// everyType returns an item with an attribute of each of DynamoDB's ten
// types, nested ones included, keyed PK=pk, SK=sk.
func everyType(pk, sk string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		"PK":   &types.AttributeValueMemberS{Value: pk},
		"SK":   &types.AttributeValueMemberS{Value: sk},
		"S":    &types.AttributeValueMemberS{Value: "héllo \"quoted\"\n\u2028"},
		"N":    &types.AttributeValueMemberN{Value: "-12.5e3"},
		"B":    &types.AttributeValueMemberB{Value: []byte{0, 1, 0xff}},
		"BOOL": &types.AttributeValueMemberBOOL{Value: true},
		"NULL": &types.AttributeValueMemberNULL{Value: true},
		"L":    &types.AttributeValueMemberL{Value: []types.AttributeValue{&types.AttributeValueMemberS{Value: "x"}, &types.AttributeValueMemberN{Value: "1"}}},
		"M": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
			"inner": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"deep": &types.AttributeValueMemberBOOL{Value: false}}}}},
		"SS": &types.AttributeValueMemberSS{Value: []string{"a", "b"}},
		"NS": &types.AttributeValueMemberNS{Value: []string{"1", "2.5"}},
		"BS": &types.AttributeValueMemberBS{Value: [][]byte{{1}, {2, 3}}},
	}
}

// scanAll returns every item of table, sorted by PK then SK.
func scanAll(t testing.TB, c *dynamodb.Client, table string) []map[string]types.AttributeValue {
	t.Helper()
	var out []map[string]types.AttributeValue
	p := dynamodb.NewScanPaginator(c, &dynamodb.ScanInput{TableName: aws.String(table)})
	for i := 0; p.HasMorePages() && i < 10000; i++ {
		page, err := p.NextPage(ctx)
		mustOK(t, err)
		out = append(out, page.Items...)
	}
	key := func(it map[string]types.AttributeValue) string {
		return it["PK"].(*types.AttributeValueMemberS).Value + "\x00" + it["SK"].(*types.AttributeValueMemberS).Value
	}
	slices.SortFunc(out, func(a, b map[string]types.AttributeValue) int { return strings.Compare(key(a), key(b)) })
	return out
}

// fillEveryType puts n items of every type into table, in batches.
func fillEveryType(t testing.TB, c *dynamodb.Client, table string, n int) {
	t.Helper()
	for i := 0; i < n; i += batchSize {
		var puts []types.WriteRequest
		for j := i; j < min(i+batchSize, n); j++ {
			puts = append(puts, types.WriteRequest{PutRequest: &types.PutRequest{Item: everyType(fmt.Sprintf("p%d", j%7), fmt.Sprintf("s%05d", j))}})
		}
		_, err := c.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{table: puts}})
		mustOK(t, err)
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	e, c := newClient(t)
	createPKSK(t, c, "src")
	const n = 1000 // forty batches
	fillEveryType(t, c, "src", n)
	var buf bytes.Buffer
	wrote, err := e.ExportTable(ctx, "src", &buf)
	mustOK(t, err)
	if wrote != n || bytes.Count(buf.Bytes(), []byte("\n")) != n || !bytes.HasPrefix(buf.Bytes(), []byte(`{"Item":{`)) {
		t.Fatalf("export wrote %d items, %d lines: %.200s", wrote, bytes.Count(buf.Bytes(), []byte("\n")), buf.String())
	}
	createPKSK(t, c, "dst")
	read, err := e.ImportTable(ctx, "dst", bytes.NewReader(buf.Bytes()))
	mustOK(t, err)
	if read != n {
		t.Fatalf("import wrote %d items", read)
	}
	if !reflect.DeepEqual(scanAll(t, c, "src"), scanAll(t, c, "dst")) {
		t.Fatal("the imported table differs from the exported one")
	}

	// Through the SDK: the same lines, in the order of a scan.
	var viaSDK bytes.Buffer
	wrote, err = ExportItems(ctx, c, "src", &viaSDK)
	mustOK(t, err)
	sorted := func(b []byte) []string {
		l := strings.Split(strings.TrimSpace(string(b)), "\n")
		slices.Sort(l)
		return l
	}
	if wrote != n || !slices.Equal(sorted(buf.Bytes()), sorted(viaSDK.Bytes())) {
		t.Fatal("ExportItems and ExportTable differ")
	}
}

func TestImportGzipDuplicatesAndUnprocessed(t *testing.T) {
	e, c := newClient(t)
	createPKSK(t, c, "dst")
	var raw bytes.Buffer
	for i := range 60 { // keys repeat: a batch may not hold one twice
		fmt.Fprintf(&raw, `{"Item":{"PK":{"S":"k%d"},"SK":{"S":"x"},"V":{"N":"%d"}}}`+"\n\n", i%10, i)
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write(raw.Bytes())
	mustOK(t, zw.Close())
	_, err := e.Faults().Add(Fault{Op: "BatchWriteItem", Unprocessed: true, Count: 30})
	mustOK(t, err)
	wrote, err := ImportItems(ctx, c, "dst", &gz)
	mustOK(t, err)
	if wrote != 60 {
		t.Fatalf("wrote %d", wrote)
	}
	if len(e.Faults().List()) != 0 {
		t.Fatal("the fault never left items unprocessed")
	}
	items := scanAll(t, c, "dst")
	if len(items) != 10 || items[0]["V"].(*types.AttributeValueMemberN).Value != "50" {
		t.Fatalf("items: %d, first %v", len(items), items[0]["V"])
	}
}

func TestImportErrors(t *testing.T) {
	e, c := newClient(t)
	createPKSK(t, c, "dst")
	cases := map[string]string{
		"not JSON":          "{\"Item\":{\"PK\":{\"S\":\"a\"},\"SK\":{\"S\":\"b\"}}}\nnot json\n",
		"unknown member":    `{"Items":{"PK":{"S":"a"}}}`,
		"empty item":        `{"Item":{}}`,
		"bad number":        `{"Item":{"PK":{"S":"a"},"SK":{"S":"b"},"N":{"N":"x1"}}}`,
		"two values":        `{"Item":{"PK":{"S":"a"},"SK":{"S":"b"}}} {}`,
		"unknown type name": `{"Item":{"PK":{"Q":"a"}}}`,
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := e.ImportTable(ctx, "dst", strings.NewReader(in))
			var ie *ImportError
			if !errors.As(err, &ie) || ie.Line != strings.Count(strings.TrimSpace(in), "\n")+1 {
				t.Fatalf("error = %v, want an ImportError of the last line", err)
			}
		})
	}
	_, err := e.ImportTable(ctx, "dst", strings.NewReader(`{"Item":{"PK":{"S":"a"}}}`))
	wantErr(t, err, "ValidationException", "") // a key missing: DynamoDB refuses the batch
	_, err = e.ImportTable(ctx, "nope", strings.NewReader(""))
	wantErr(t, err, "ResourceNotFoundException", "")
	_, err = e.ExportTable(ctx, "nope", &bytes.Buffer{})
	if !errors.Is(err, ErrTableNotFound) {
		t.Fatalf("ExportTable of a missing table: %v", err)
	}
}

func FuzzParseExportLine(f *testing.F) {
	for _, s := range []string{`{"Item":{"PK":{"S":"a"}}}`, `{"Item":{"L":{"L":[{"N":"1"},{"NULL":true}]},"B":{"B":"AAE="}}}`,
		`{"Item":{}}`, `{"Item":null}`, `{}`, `[]`, `{"Item":{"SS":{"SS":["a","a"]}}}`, `{"Item":{"N":{"N":"1e400"}}} x`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		item, err := parseExportLine(b)
		if err != nil {
			return
		}
		// A line that parses exports back to a line that parses to the same item.
		again, err := parseExportLine(bytes.TrimSpace(appendExportLine(nil, item)))
		if err != nil || !reflect.DeepEqual(item, again) {
			t.Fatalf("%s: round trip gave %v, %v", b, again, err)
		}
	})
}

func TestExportTableConsistentUnderWrites(t *testing.T) {
	e, c := newClient(t)
	createPKSK(t, c, "live")
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); writeCounted(t, c, "live", 5000, stop) }()
	for range 5 {
		var buf bytes.Buffer
		_, err := e.ExportTable(ctx, "live", &buf)
		mustOK(t, err)
		items, counter := 0, 0
		for line := range strings.Lines(buf.String()) {
			item, err := parseExportLine([]byte(strings.TrimSpace(line)))
			mustOK(t, err)
			if item["PK"].S == "count" {
				counter, _ = strconv.Atoi(item["N"].S)
			} else {
				items++
			}
		}
		if items != counter {
			t.Fatalf("an export holds %d items and a counter of %d", items, counter)
		}
	}
	close(stop)
	wg.Wait()
}
