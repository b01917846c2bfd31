package local

import (
	"strconv"
	"time"

	"github.com/dokklib/db/internal/ddbtype"
)

// ttlSpec is a table's time-to-live setting.
type ttlSpec struct {
	enabled bool
	attr    string
}

// ttlMaxAge is how far in the past a TTL may lie and still expire the
// item: DynamoDB ignores timestamps older than five years.
const ttlMaxAge = 5 * 365 * 24 * time.Hour

type ttlSpecification struct {
	AttributeName *string `json:"AttributeName"`
	Enabled       *bool   `json:"Enabled"`
}

type updateTTLInput struct {
	TableName               *string           `json:"TableName"`
	TimeToLiveSpecification *ttlSpecification `json:"TimeToLiveSpecification"`
}

type updateTTLOutput struct {
	TimeToLiveSpecification *ttlSpecification `json:"TimeToLiveSpecification"`
}

type ttlDescription struct {
	TimeToLiveStatus string `json:"TimeToLiveStatus"`
	AttributeName    string `json:"AttributeName,omitempty"`
}

type describeTTLOutput struct {
	TimeToLiveDescription ttlDescription `json:"TimeToLiveDescription"`
}

// updateTimeToLive implements UpdateTimeToLive; the change is immediate.
func (e *Engine) updateTimeToLive(in *updateTTLInput) (*updateTTLOutput, error) {
	if err := requireTableName(in.TableName); err != nil {
		return nil, err
	}
	if err := checkTTLShape(in.TimeToLiveSpecification); err != nil {
		return nil, err
	}
	t, err := e.controlTable(in.TableName)
	if err != nil {
		return nil, err
	}
	spec := in.TimeToLiveSpecification
	t.mu.Lock()
	defer t.mu.Unlock()
	switch {
	case *spec.Enabled && t.ttl.enabled:
		return nil, validationErr("TimeToLive is already enabled")
	case !*spec.Enabled && !t.ttl.enabled:
		return nil, validationErr("TimeToLive is already disabled")
	case !*spec.Enabled && t.ttl.attr != *spec.AttributeName:
		return nil, validationErr("TimeToLive is active on a different AttributeName: current AttributeName is " + t.ttl.attr)
	}
	t.ttl = ttlSpec{enabled: *spec.Enabled, attr: *spec.AttributeName}
	if err := e.saveSettings(t); err != nil {
		return nil, err
	}
	return &updateTTLOutput{TimeToLiveSpecification: spec}, nil
}

// checkTTLShape applies the TimeToLiveSpecification member constraints.
func checkTTLShape(s *ttlSpecification) error {
	var v violations
	v.notNull(s != nil, "timeToLiveSpecification")
	if s != nil {
		v.notNull(s.AttributeName != nil, "timeToLiveSpecification.attributeName")
		if s.AttributeName != nil && (len(*s.AttributeName) < 1 || len(*s.AttributeName) > 255) {
			v.add(quote(*s.AttributeName), "timeToLiveSpecification.attributeName", "Member must have length between 1 and 255")
		}
		v.notNull(s.Enabled != nil, "timeToLiveSpecification.enabled")
	}
	return v.err()
}

// describeTimeToLive implements DescribeTimeToLive.
func (e *Engine) describeTimeToLive(in *tableNameInput) (*describeTTLOutput, error) {
	t, err := e.controlTable(in.TableName)
	if err != nil {
		return nil, err
	}
	t.mu.RLock()
	defer t.mu.RUnlock()
	d := ttlDescription{TimeToLiveStatus: "DISABLED"}
	if t.ttl.enabled {
		d = ttlDescription{TimeToLiveStatus: "ENABLED", AttributeName: t.ttl.attr}
	}
	return &describeTTLOutput{TimeToLiveDescription: d}, nil
}

// sweepLoop deletes expired items every ttlInterval until Close.
func (e *Engine) sweepLoop() {
	defer close(e.done)
	if e.opts.ttlInterval <= 0 {
		<-e.stop
		return
	}
	tick := time.NewTicker(e.opts.ttlInterval)
	defer tick.Stop()
	for {
		select {
		case <-e.stop:
			return
		case <-tick.C:
			e.SweepExpired()
		}
	}
}

// SweepExpired deletes every item whose TTL attribute lies in the past
// now, as DynamoDB's background TTL process eventually does. The sweeper
// started by New calls it periodically; tests with a fake clock may call
// it directly. After Close it does nothing.
func (e *Engine) SweepExpired() {
	if !e.enter() {
		return
	}
	defer e.leave()
	now := e.now()
	for _, t := range e.allTables() {
		e.sweep(t, now)
	}
}

// allTables returns the tables of every namespace.
func (c *core) allTables() []*table {
	var tables []*table
	for _, ns := range c.allNamespaces() {
		ns.mu.RLock()
		for _, t := range ns.tables {
			tables = append(tables, t)
		}
		ns.mu.RUnlock()
	}
	return tables
}

// ttlBatch is how many items one sweep of a table looks at; the next
// sweep goes on from there, so a large table costs little per tick.
const ttlBatch = 10000

// sweep deletes expired items among the next ttlBatch of the table. A
// storage failure stops the engine (see Engine.commit).
func (e *Engine) sweep(t *table, now time.Time) {
	t.mu.RLock()
	spec := t.ttl
	var keys [][]byte
	if spec.enabled {
		keys = t.expiredBatch(spec.attr, now)
	}
	t.mu.RUnlock()
	if len(keys) == 0 {
		return
	}
	_ = e.mutate(t, func() error {
		for _, k := range keys {
			if en, ok := t.items.get(k); ok && t.ttl.enabled && expired(en.item, t.ttl.attr, now) {
				t.removeExpired(en)
			}
		}
		return nil
	})
}

// expiredBatch returns the keys of expired items among the next ttlBatch
// after the sweep cursor, and moves the cursor. t.mu must be held; the
// cursor has its own lock as readers share t.mu.
func (t *table) expiredBatch(attr string, now time.Time) [][]byte {
	t.sweepMu.Lock()
	defer t.sweepMu.Unlock()
	var keys [][]byte
	seen := 0
	from := t.sweepFrom
	t.sweepFrom = nil
	t.items.scan(from, nil, false, func(en entry) bool {
		if seen++; seen > ttlBatch {
			t.sweepFrom = en.key
			return false
		}
		if expired(en.item, attr, now) {
			keys = append(keys, en.key)
		}
		return true
	})
	return keys
}

// expired reports whether an item's TTL attribute is a number of epoch
// seconds before now (and not more than five years before).
func expired(item ddbtype.Item, attr string, now time.Time) bool {
	v, ok := item[attr]
	if !ok || v.Type != ddbtype.TypeN {
		return false
	}
	secs, err := strconv.ParseFloat(v.S, 64)
	if err != nil {
		return false
	}
	at := float64(now.UnixNano()) / 1e9
	return secs < at && secs > at-ttlMaxAge.Seconds()
}
