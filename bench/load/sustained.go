package load

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/dokklib/db/local"
)

// The bounds the sustained load's engine is made with, lower than the
// defaults so that a minute of load reaches them in its first half: the
// figure of interest is that the heap stops growing once they are reached.
const (
	SustainStreamMemory   = 16 << 20
	SustainRecoveryMemory = 16 << 20
	SustainTokenLimit     = 20_000
)

// Sustained is the heap of an in-process engine under a bounded mixed load
// on a table of Items keys with a stream and point-in-time recovery: the
// heap's growth over the heap before the engine was made, after garbage
// collection.
type Sustained struct {
	Items int `json:"items"`
	// StreamMemory, RecoveryMemory and TokenLimit are the engine's bounds
	// (local.WithStreamMemory, local.WithRecoveryMemory,
	// local.WithTokenLimit).
	StreamMemory   int64   `json:"stream_memory_bytes"`
	RecoveryMemory int64   `json:"recovery_memory_bytes"`
	TokenLimit     int     `json:"token_limit"`
	Seconds        float64 `json:"seconds"`
	Ops            int     `json:"ops"`
	Errors         int     `json:"errors"`
	FirstError     string  `json:"first_error,omitempty"`
	// Samples are the heap, one a second; Start is after seeding, End
	// after the load, and Fresh that of the items the table held at the
	// end, loaded into a new engine.
	Samples []int64 `json:"heap_samples_bytes"`
	Start   int64   `json:"heap_start_bytes"`
	Max     int64   `json:"heap_max_bytes"`
	End     int64   `json:"heap_end_bytes"`
	Fresh   int64   `json:"heap_fresh_bytes"`
	// Ratio is End / Fresh.
	Ratio float64 `json:"heap_end_over_fresh"`
	// FirstHalf is the largest sample of the load's first half, and
	// Growth is End / FirstHalf: the growth once the bounds are reached.
	FirstHalf int64   `json:"heap_first_half_max_bytes"`
	Growth    float64 `json:"heap_end_over_first_half"`
}

// liveHeap collects garbage once and returns the heap's live bytes.
func liveHeap() int64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}

// MeasureSustained seeds an in-process engine with items items, runs the
// mixed load with workers workers for d, sampling the heap every second,
// and compares the heap at the end with that of the same items loaded
// fresh.
func MeasureSustained(ctx context.Context, items, workers int, d time.Duration) (*Sustained, error) {
	base := measureFootprint().heap
	eng := local.New(local.WithStreamMemory(SustainStreamMemory), local.WithRecoveryMemory(SustainRecoveryMemory),
		local.WithTokenLimit(SustainTokenLimit))
	defer eng.Close()
	m := &mixed{Workload: Workload{Client: EngineClient(eng), Partitions: max(1, items/PartitionItems)}}
	if err := m.setup(ctx, workers); err != nil {
		return nil, err
	}
	s := &Sustained{Items: m.Partitions * PartitionItems, StreamMemory: SustainStreamMemory,
		RecoveryMemory: SustainRecoveryMemory, TokenLimit: SustainTokenLimit,
		Start: measureFootprint().heap - base}
	sampler := startSampler(base, d)
	smp := Run(ctx, Bounds{Workers: workers, Count: 1 << 30, Time: d}, m.op)
	s.Samples = sampler.stop()
	s.Max = slices.Max(append(s.Samples, s.Start))
	s.Seconds, s.Ops, s.Errors = smp.Elapsed.Seconds(), smp.Ops, smp.Errors
	if smp.FirstErr != nil {
		s.FirstError = smp.FirstErr.Error()
	}
	s.End = measureFootprint().heap - base
	if half := s.Samples[:len(s.Samples)/2]; len(half) > 0 {
		s.FirstHalf = slices.Max(half)
		s.Growth = Ratio(float64(s.End), float64(s.FirstHalf))
	}
	var export bytes.Buffer
	if _, err := eng.ExportTable(ctx, TableName, &export); err != nil {
		return nil, fmt.Errorf("load: sustained: export: %w", err)
	}
	_ = eng.Close()
	fresh, err := freshHeap(ctx, &export)
	s.Fresh, s.Ratio = fresh, Ratio(float64(s.End), float64(fresh))
	return s, err
}

// freshHeap returns the heap an engine takes with the items of an export
// loaded into a new table.
func freshHeap(ctx context.Context, export *bytes.Buffer) (int64, error) {
	base := measureFootprint().heap
	eng := local.New()
	defer eng.Close()
	m := &mixed{Workload: Workload{Client: EngineClient(eng)}}
	if err := m.createTable(ctx); err != nil {
		return 0, err
	}
	if _, err := eng.ImportTable(ctx, TableName, export); err != nil {
		return 0, fmt.Errorf("load: sustained: import: %w", err)
	}
	return measureFootprint().heap - base, nil
}

// sampler measures the heap every second in a goroutine of its own.
type sampler struct {
	done    chan struct{}
	wg      sync.WaitGroup
	samples []int64
}

// startSampler samples the heap's growth over base every second, for at
// most limit and a few seconds more, until stop.
func startSampler(base int64, limit time.Duration) *sampler {
	s := &sampler{done: make(chan struct{})}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for range int(limit/time.Second) + 5 {
			select {
			case <-s.done:
				return
			case <-tick.C:
				s.samples = append(s.samples, liveHeap()-base)
			}
		}
	}()
	return s
}

// stop ends the sampling and returns the samples.
func (s *sampler) stop() []int64 {
	close(s.done)
	s.wg.Wait()
	return s.samples
}

// mixed is the sustained load: puts, updates, deletes, gets, queries,
// transactions with idempotency tokens and batch writes, on the keys of
// the seeded partitions, so that the table's size stays bounded.
type mixed struct{ Workload }

// createTable creates the workload's table with a stream of new and old
// images.
func (m *mixed) createTable(ctx context.Context) error {
	if err := m.CreateTable(ctx); err != nil {
		return err
	}
	_, err := m.Client.UpdateTable(ctx, &dynamodb.UpdateTableInput{
		TableName: aws.String(TableName),
		StreamSpecification: &types.StreamSpecification{
			StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeNewAndOldImages,
		},
	})
	return err
}

// setup creates the table, seeds its partitions and enables its
// point-in-time recovery, whose log then holds every change of the load.
func (m *mixed) setup(ctx context.Context, workers int) error {
	if err := m.createTable(ctx); err != nil {
		return fmt.Errorf("load: sustained: %w", err)
	}
	if err := m.Seed(ctx, 0, m.Partitions, workers); err != nil {
		return err
	}
	_, err := m.Client.UpdateContinuousBackups(ctx, &dynamodb.UpdateContinuousBackupsInput{
		TableName:                        aws.String(TableName),
		PointInTimeRecoverySpecification: &types.PointInTimeRecoverySpecification{PointInTimeRecoveryEnabled: aws.Bool(true)},
	})
	if err != nil {
		return fmt.Errorf("load: sustained: %w", err)
	}
	return nil
}

// keyOf returns a seeded key for request i of worker w.
func (m *mixed) keyOf(w, i int) map[string]types.AttributeValue {
	n := (i*stride + w*PartitionItems/2) % (m.Partitions * PartitionItems)
	return attrs(map[string]string{"PK": partitionKey(n / PartitionItems), "SK": sortKey(n % PartitionItems)})
}

// op runs request i of worker w, an operation of each kind in turn.
func (m *mixed) op(ctx context.Context, w, i int) error {
	switch i % 8 {
	case 0:
		return m.put(ctx, w, i)
	case 1:
		return m.update(ctx, w, i)
	case 2:
		return m.remove(ctx, w, i)
	case 3:
		return m.tokenTransact(ctx, w, i)
	case 4:
		return m.seedBatch(ctx, w, i)
	case 5:
		_, err := m.Client.Query(ctx, &dynamodb.QueryInput{
			TableName: aws.String(TableName), KeyConditionExpression: aws.String("PK = :p"),
			ExpressionAttributeValues: attrs(map[string]string{":p": partitionKey((i*stride + w) % m.Partitions)}),
			Limit:                     aws.Int32(QueryItems),
		})
		return err
	}
	_, err := m.Client.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(TableName), Key: m.keyOf(w, i)})
	return err
}

// put writes a whole seeded item.
func (m *mixed) put(ctx context.Context, w, i int) error {
	k := m.keyOf(w, i)
	item := attrs(Item(k["PK"].(*types.AttributeValueMemberS).Value, k["SK"].(*types.AttributeValueMemberS).Value))
	_, err := m.Client.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(TableName), Item: item})
	return err
}

// update adds to a counter of a seeded key.
func (m *mixed) update(ctx context.Context, w, i int) error {
	_, err := m.Client.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: aws.String(TableName), Key: m.keyOf(w, i),
		UpdateExpression:          aws.String("ADD n :one"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":one": &types.AttributeValueMemberN{Value: "1"}},
	})
	return err
}

// remove deletes a seeded key.
func (m *mixed) remove(ctx context.Context, w, i int) error {
	_, err := m.Client.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(TableName), Key: m.keyOf(w, i)})
	return err
}

// tokenTransact puts TransactItems items of a seeded partition in a
// transaction with an idempotency token of its own.
func (m *mixed) tokenTransact(ctx context.Context, w, i int) error {
	p := (i*stride + w) % m.Partitions
	items := make([]types.TransactWriteItem, TransactItems)
	for k := range items {
		items[k].Put = &types.Put{TableName: aws.String(TableName), Item: attrs(Item(partitionKey(p), sortKey((i+k*7)%PartitionItems)))}
	}
	_, err := m.Client.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{
		TransactItems: items, ClientRequestToken: aws.String(fmt.Sprintf("w%d-%d", w, i)),
	})
	return err
}

// seedBatch writes BatchItems items of a seeded partition in one batch.
func (m *mixed) seedBatch(ctx context.Context, w, i int) error {
	p, first := (i*stride+w)%m.Partitions, i%(PartitionItems/BatchItems)*BatchItems
	return m.writeBatch(ctx, func(k int) (string, string) { return partitionKey(p), sortKey(first + k) })
}

// runSustained measures the sustained load when the configuration asks.
func runSustained(ctx context.Context, c Config, r *Results) error {
	if c.SustainTime <= 0 {
		return nil
	}
	c.Log("sustained load for %v on %d items", c.SustainTime, c.SustainItems)
	s, err := MeasureSustained(ctx, c.SustainItems, c.Workers, c.SustainTime)
	r.Sustained = s
	return err
}
