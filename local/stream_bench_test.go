package local

import (
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// BenchmarkPutItemStream measures what a stream adds to a put: the same
// puts to a table without a stream and with one of each extreme view type.
func BenchmarkPutItemStream(b *testing.B) {
	for _, view := range []types.StreamViewType{"", types.StreamViewTypeKeysOnly, types.StreamViewTypeNewAndOldImages} {
		name := string(view)
		if name == "" {
			name = "none"
		}
		b.Run(name, func(b *testing.B) {
			_, c := newClient(b)
			createStreamTable(b, c, "tbl", view)
			item := map[string]av{"pk": str(""), "v": num("1"), "s": str("a string of a few dozen bytes, as items have")}
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				item["pk"] = str(strconv.Itoa(i % 1000))
				item["v"] = num(strconv.Itoa(i))
				if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("tbl"), Item: item}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
