package conformance

import (
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// page is one page of a Query or Scan.
type page struct {
	items          []Item
	lek            Item
	count, scanned int32
}

// readPages sends the Query or Scan that mk builds for each exclusive start
// key, from the first page to the last, and returns the pages.
func (e *Env) readPages(mk func(esk Item) any) []page {
	var pages []page
	var esk Item
	for range 1000 {
		o := e.Call(mk(esk))
		if o.code != "" {
			e.Fatalf("page %d: %s", len(pages)+1, o.describe())
		}
		p := toPage(o.out)
		pages = append(pages, p)
		if len(p.lek) == 0 {
			return pages
		}
		esk = p.lek
	}
	e.Fatalf("more than 1000 pages")
	return nil
}

// toPage extracts a page from a Query or Scan output.
func toPage(out any) page {
	switch o := out.(type) {
	case *dynamodb.QueryOutput:
		return page{o.Items, o.LastEvaluatedKey, o.Count, o.ScannedCount}
	case *dynamodb.ScanOutput:
		return page{o.Items, o.LastEvaluatedKey, o.Count, o.ScannedCount}
	}
	panic("not a Query or Scan output")
}

// allItems concatenates the items of pages.
func allItems(pages []page) []Item {
	var items []Item
	for _, p := range pages {
		items = append(items, p.items...)
	}
	return items
}

// putAll writes items to "$T", failing the case on an error.
func (e *Env) putAll(items []Item) {
	for _, item := range items {
		if o := e.Call(&dynamodb.PutItemInput{Item: item}); o.code != "" {
			e.Fatalf("PutItem: %s", o.describe())
		}
	}
}
