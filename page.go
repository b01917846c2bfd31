package db

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Page is one page of a listing, from QueryPage or ScanPage; T is Item, or
// the type of a Typed view.
type Page[T any] struct {
	// Items are the page's items.
	Items []T
	// Next resumes the listing after this page, given to After; it is
	// empty when the listing has ended. It is URL-safe, and opaque.
	Next string
}

// rawPage is what one request of a query or a scan returns.
type rawPage struct {
	items []map[string]types.AttributeValue
	count int
	last  map[string]types.AttributeValue
}

// pageReader sends one request of a listing, starting after start, reading
// at most limit items (0: as many as fit in a DynamoDB page).
type pageReader func(ctx context.Context, start map[string]types.AttributeValue, limit int) (rawPage, error)

// readPages reads pages from start until the listing ends, limit items
// were read (0: no limit), or each returns false. It returns the key to
// resume after, nil when the listing ended.
func readPages(ctx context.Context, read pageReader, start map[string]types.AttributeValue, o *listOptions,
	each func(rawPage) bool) (map[string]types.AttributeValue, error) {
	n := 0
	for {
		size := o.pageSize
		if o.limit > 0 && (size <= 0 || o.limit-n < size) {
			size = o.limit - n
		}
		page, err := read(ctx, start, size)
		if err != nil {
			return nil, err
		}
		n += page.count
		start = page.last
		if !each(page) || len(start) == 0 || (o.limit > 0 && n >= o.limit) {
			return start, nil
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	}
}

// cursor is what a cursor holds: the key to resume after, and what the
// listing was, so that a cursor cannot resume another listing.
type cursor struct {
	Listing string            `json:"l"`
	Key     map[string]string `json:"k"`
}

// encodeCursor makes the cursor of a listing's position; "" when ended.
func (t *Table) encodeCursor(listing string, last map[string]types.AttributeValue) (string, error) {
	if len(last) == 0 {
		return "", nil
	}
	c := cursor{Listing: listing, Key: make(map[string]string, len(last))}
	for k, v := range last {
		s, ok := v.(*types.AttributeValueMemberS)
		if !ok {
			return "", fmt.Errorf("db: key attribute %q is not a string", k)
		}
		c.Key[k] = s.Value
	}
	body, err := json.Marshal(c)
	if err != nil {
		return "", err
	}
	enc := base64.RawURLEncoding
	return enc.EncodeToString(body) + "." + enc.EncodeToString(t.cursorMAC(body)), nil
}

// decodeCursor checks a cursor and returns the key it resumes after.
func (t *Table) decodeCursor(listing, s string) (map[string]types.AttributeValue, error) {
	if s == "" {
		return nil, nil
	}
	enc := base64.RawURLEncoding
	b64, sum, _ := strings.Cut(s, ".")
	body, err1 := enc.DecodeString(b64)
	mac, err2 := enc.DecodeString(sum)
	if err1 != nil || err2 != nil || !hmac.Equal(mac, t.cursorMAC(body)) {
		return nil, invalid("the cursor is damaged or was not made by this table")
	}
	var c cursor
	if err := json.Unmarshal(body, &c); err != nil || len(c.Key) == 0 {
		return nil, invalid("the cursor is damaged")
	}
	if c.Listing != listing {
		return nil, invalid("the cursor belongs to another listing")
	}
	key := make(map[string]types.AttributeValue, len(c.Key))
	for k, v := range c.Key {
		key[k] = &types.AttributeValueMemberS{Value: v}
	}
	return key, nil
}

// cursorMAC signs a cursor with the table's cursor secret. Without one it
// is a checksum: it finds damage, not forgery, and the listing check keeps
// a cursor within the listing it was made for.
func (t *Table) cursorMAC(body []byte) []byte {
	h := hmac.New(sha256.New, t.cursorSecret)
	h.Write([]byte(t.name))
	h.Write(body)
	return h.Sum(nil)[:16]
}
