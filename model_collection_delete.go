package db

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// DefaultDeleteLimit is how many items Collection.Delete deletes in one
// call when Limit does not say.
const DefaultDeleteLimit = 1000

// DeleteReport says what Collection.Delete deleted.
type DeleteReport struct {
	// Deleted counts the items deleted, by entity name.
	Deleted map[string]int
	// Guards counts the guards of unique fields deleted with them.
	Guards int
	// Next resumes the deletion where this call stopped, given to After;
	// it is empty when the partition holds no more of the collection's
	// items.
	Next string
}

// Delete deletes the collection's items in the partition of key, such as
// an org with everything it holds, with the guards of their unique fields:
// at most Limit items a call (DefaultDeleteLimit when not given), read a
// page at a time. When Next is not empty, call it again with After(Next)
// to go on. The deletes are not one transaction: items go in batches, and
// an item goes with its guards atomically. A call that fails may have
// deleted some of its items, which its report does not count; calling it
// again with the same After finishes the work.
func (c *Collection[V]) Delete(ctx context.Context, key any, opts ...QueryOption) (DeleteReport, error) {
	report := DeleteReport{Deleted: map[string]int{}}
	o := gather(c.table, opts, QueryOption.applyQuery)
	if o.limit <= 0 {
		o.limit = DefaultDeleteLimit
	}
	l, err := c.listing(key, o)
	if err != nil {
		return report, err
	}
	p, err := page(ctx, l, decodeWith(rawItem))
	if err != nil {
		return report, err
	}
	var plain []BatchWriteArg
	var guarded [][]TransactArg
	for _, av := range p.Items {
		member, _ := c.member(av)
		writes, err := c.deletes(member, av)
		if err != nil {
			return report, err
		}
		if len(writes) == 1 {
			plain = append(plain, BatchDelete(writes[0].PK, writes[0].SK))
		} else {
			guarded = append(guarded, transactDeletes(writes))
		}
		report.Deleted[member.desc.name]++
		report.Guards += len(writes) - 1
	}
	if err := c.table.BatchWrite(ctx, plain); err != nil {
		return DeleteReport{Deleted: map[string]int{}}, fmt.Errorf("db: delete collection %s: %w", c.name, err)
	}
	for _, tx := range guarded {
		if err := c.table.TransactWrite(ctx, tx...); err != nil {
			return DeleteReport{Deleted: map[string]int{}}, fmt.Errorf("db: delete collection %s: %w", c.name, err)
		}
	}
	report.Next = p.Next
	return report, nil
}

// deletes returns the keys to delete for an item: its own, and its guards'.
func (c *Collection[V]) deletes(member collectionMember, av map[string]types.AttributeValue) ([]Key, error) {
	x := c.table.primaryIdx
	pk, err := c.table.format.PKOf(scalarValue(av[x.PartitionKey]))
	if err != nil {
		return nil, err
	}
	sk, err := c.table.format.SKOf(scalarValue(av[x.SortKey]))
	if err != nil {
		return nil, err
	}
	keys := []Key{KeyOf(pk, sk)}
	guards, err := member.desc.guards(av)
	for _, g := range guards {
		keys = append(keys, KeyOf(RawPK(g), RawSK(g)))
	}
	return keys, err
}

// transactDeletes makes the deletes of keys the writes of a transaction.
func transactDeletes(keys []Key) []TransactArg {
	args := make([]TransactArg, len(keys))
	for i, k := range keys {
		args[i] = DeleteArg(k.PK, k.SK)
	}
	return args
}

// scalarValue returns the Go value of a key attribute: a string, a Number
// or a []byte.
func scalarValue(av types.AttributeValue) any {
	v, _ := decodeValue(av)
	return v
}
