package db

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TransactGet reads the items with the given keys, 1 to MaxTransactItems of
// them and each key once, as one consistent snapshot: no write is seen in
// part. It returns one entry for each key, in order, and nil for a key that
// has no item. It checks the keys before sending anything. When DynamoDB
// cancels the transaction, as when a transaction writing one of the items is
// under way, the error is a *TransactionCanceledError.
func (t *Table) TransactGet(ctx context.Context, keys ...Key) ([]Item, error) {
	if len(keys) == 0 || len(keys) > MaxTransactItems {
		return nil, invalid("transact get takes 1 to %d keys, not %d", MaxTransactItems, len(keys))
	}
	ks, _, err := t.prepareKeys("transact get", keys)
	if err != nil {
		return nil, err
	}
	gets := make([]types.TransactGetItem, len(ks))
	for i, k := range ks {
		gets[i] = types.TransactGetItem{Get: &types.Get{TableName: &t.name, Key: k}}
	}
	out, err := t.client.TransactGetItems(ctx, &dynamodb.TransactGetItemsInput{TransactItems: gets})
	if err != nil {
		return nil, transactionError("transact get", err, identity, func(int, map[string]types.AttributeValue) error { return ErrConditionFailed })
	}
	return decodeResponses(out.Responses, len(keys))
}

// decodeResponses decodes the items of a transaction's n reads, with nil
// for a read that found nothing.
func decodeResponses(rs []types.ItemResponse, n int) ([]Item, error) {
	items := make([]Item, n)
	for i, r := range rs[:min(len(rs), n)] {
		if len(r.Item) == 0 {
			continue
		}
		item, err := decodeItem(r.Item)
		if err != nil {
			return nil, err
		}
		items[i] = item
	}
	return items, nil
}
