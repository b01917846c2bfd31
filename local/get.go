package local

import (
	"strings"

	"github.com/dokklib/db/internal/ddbtype"
	"github.com/dokklib/db/internal/expr"
)

// getItem implements GetItem.
func getItem(e *Engine, _ *request, in *getItemInput, proj *expr.Projection, dst []byte) ([]byte, error) {
	var item ddbtype.Item
	var size int
	err := e.withTable(in.TableName, false, func(t *table) (err error) {
		item, size, err = t.getByKey(in.Key)
		return err
	})
	if err != nil {
		return nil, err
	}
	dst = append(dst, '{')
	sep := false
	if item != nil {
		if proj != nil {
			item = proj.Apply(item)
		}
		dst = item.AppendJSON(append(dst, `"Item":`...))
		sep = true
	}
	if wantCapacity(in.ReturnConsumedCapacity) {
		c := newConsumed(*in.TableName, false)
		c.addRead(nil, size, deref(in.ConsistentRead))
		dst = c.appendJSON(appendSep(dst, sep, `"ConsumedCapacity":`), *in.ReturnConsumedCapacity)
	}
	return append(dst, '}'), nil
}

// plan validates a GetItem request and returns its projection, if any.
func (in *getItemInput) plan() (*expr.Projection, error) {
	if err := requireTableName(in.TableName); err != nil {
		return nil, err
	}
	var v violations
	v.notNull(in.Key != nil, "key")
	v.enum(in.ReturnConsumedCapacity, "returnConsumedCapacity", capIndexes, capTotal, capNone)
	if err := v.err(); err != nil {
		return nil, err
	}
	c, err := compileExprs(in.ExpressionAttributeNames, nil,
		[]exprParam{{expr.ProjectionExpression, in.ProjectionExpression}},
		legacyParam{"AttributesToGet", in.AttributesToGet != nil})
	if err != nil {
		return nil, err
	}
	if c.proj == nil && in.AttributesToGet != nil {
		return attributesToGet(in.AttributesToGet)
	}
	return c.proj, nil
}

// getByKey validates a Key and returns the item with that key (nil when
// there is none) and its size. t.mu must be held, and t found not
// deleted.
func (t *table) getByKey(key ddbtype.Item) (ddbtype.Item, int, error) {
	k, err := t.checkKey(key)
	if err != nil {
		return nil, 0, err
	}
	en, _ := t.items.get(k)
	return en.item, en.size, nil
}

// attributesToGet translates the legacy AttributesToGet parameter into a
// projection.
func attributesToGet(attrs []string) (*expr.Projection, error) {
	names := make(map[string]string, len(attrs))
	ph := make([]string, len(attrs))
	seen := make(map[string]bool, len(attrs))
	for i, a := range attrs {
		if seen[a] {
			return nil, invalidParam("Duplicate value in attribute name: %s", a)
		}
		seen[a] = true
		ph[i] = "#a" + itoa(i)
		names[ph[i]] = a
	}
	if len(attrs) == 0 {
		return nil, validationErr("1 validation error detected: Value '[]' at 'attributesToGet' failed to satisfy constraint: Member must have length greater than or equal to 1")
	}
	return expr.ParseProjection(strings.Join(ph, ", "), names)
}
