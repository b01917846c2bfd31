package local

import (
	"net/http"
	"testing"
)

// TestLockedTablesLookup checks that the locked tables are found by name
// whatever the order and repeats of the names locked, and that others
// are not.
func TestLockedTablesLookup(t *testing.T) {
	e := New(WithTTLInterval(0))
	defer e.Close()
	names := []string{"tbl-c", "tbl-a", "tbl-b"}
	for _, n := range names {
		create := `{"TableName":"` + n + `","AttributeDefinitions":[{"AttributeName":"PK","AttributeType":"S"}],` +
			`"KeySchema":[{"AttributeName":"PK","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}`
		if out, status := e.call("CreateTable", create); status != http.StatusOK {
			t.Fatal(string(out))
		}
	}
	err := e.withTables([]string{"tbl-c", "tbl-a", "tbl-c", "tbl-b", "tbl-a"}, false, func(l *lockedTables) error {
		for _, n := range names {
			if got := l.table(n); got == nil || got != e.lookupTable(n) {
				t.Errorf("table(%q) = %v", n, got)
			}
		}
		for _, n := range []string{"tbl-", "tbl-d", ""} {
			if got := l.table(n); got != nil {
				t.Errorf("table(%q) = %v, want nil", n, got)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
