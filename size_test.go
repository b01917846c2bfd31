package db

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/dokklib/db/internal/ddbtype"
)

func TestValueSize(t *testing.T) {
	for _, tc := range []struct {
		v    types.AttributeValue
		want int
	}{
		{&types.AttributeValueMemberS{Value: "héllo"}, 6},
		{&types.AttributeValueMemberN{Value: "-42"}, 3},
		{&types.AttributeValueMemberN{Value: "0.15"}, 2},
		{&types.AttributeValueMemberB{Value: []byte{1, 2}}, 2},
		{&types.AttributeValueMemberBOOL{Value: true}, 1},
		{&types.AttributeValueMemberNULL{Value: true}, 1},
		{&types.AttributeValueMemberL{Value: []types.AttributeValue{&types.AttributeValueMemberS{Value: "ab"}}}, 3 + 1 + 2},
		{&types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"k": &types.AttributeValueMemberS{Value: "ab"}}}, 3 + 1 + 1 + 2},
		{&types.AttributeValueMemberSS{Value: []string{"a", "bc"}}, 3},
		{&types.AttributeValueMemberNS{Value: []string{"1.5", "1E125"}}, 5},
		{&types.AttributeValueMemberBS{Value: [][]byte{{1}, {2, 3}}}, 3},
	} {
		if got := valueSize(tc.v); got != tc.want {
			t.Errorf("valueSize(%#v) = %d, want %d", tc.v, got, tc.want)
		}
	}
}

func TestItemSizeLimit(t *testing.T) {
	table := NewTable(nopClient{}, "Table", WithoutTimestamps())
	keys := len("PK") + len("USER#a") + len("SK") + len("USER#b")
	fits := Item{"Big": strings.Repeat("x", MaxItemSize-keys-len("Big"))}
	if _, err := table.item(PK[User]("a"), SK[User]("b"), fits, time.Time{}); err != nil {
		t.Errorf("an item of exactly 400 KB: %v", err)
	}
	fits["Big"] = fits["Big"].(string) + "x"
	if _, err := table.item(PK[User]("a"), SK[User]("b"), fits, time.Time{}); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("an item one byte over 400 KB: err = %v", err)
	}
}

// User is an entity of the package's own tests.
type User struct{}

// TestMaxItemSizeIsTheEngines checks that the number written in the
// library's docs is the engine's limit.
func TestMaxItemSizeIsTheEngines(t *testing.T) {
	if MaxItemSize != ddbtype.MaxItemSize {
		t.Errorf("MaxItemSize = %d, the engine's is %d", MaxItemSize, ddbtype.MaxItemSize)
	}
}
