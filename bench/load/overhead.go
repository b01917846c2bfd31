package load

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dokklib/db"
	"github.com/dokklib/db/local"
)

// Overhead compares an operation of the library, db.Table, with the raw SDK
// call it makes, on the in-process engine.
type Overhead struct {
	Op           string  `json:"op"`
	LibraryUs    float64 `json:"library_us_per_op"`
	RawUs        float64 `json:"raw_us_per_op"`
	LibraryCPUUs float64 `json:"library_cpu_us_per_op"`
	RawCPUUs     float64 `json:"raw_cpu_us_per_op"`
	// Overhead and CPUOverhead are the medians of the slices' ratios of
	// time and CPU per operation, less one.
	Overhead      float64 `json:"overhead"`
	CPUOverhead   float64 `json:"cpu_overhead"`
	LibraryErrors int     `json:"library_errors"`
	RawErrors     int     `json:"raw_errors"`
}

// The entities of the library's table.
type (
	// User is the partition's entity: keys USER#….
	User struct{}
	// Thing is the items' entity: keys THING#….
	Thing struct{}
)

// inputRecorder is a db.Client that keeps the last input of each measured call.
type inputRecorder struct {
	*dynamodb.Client
	put   *dynamodb.PutItemInput
	get   *dynamodb.GetItemInput
	query *dynamodb.QueryInput
}

func (r *inputRecorder) PutItem(ctx context.Context, in *dynamodb.PutItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	r.put = in
	return r.Client.PutItem(ctx, in, opts...)
}

func (r *inputRecorder) GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	r.get = in
	return r.Client.GetItem(ctx, in, opts...)
}

func (r *inputRecorder) Query(ctx context.Context, in *dynamodb.QueryInput, opts ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	r.query = in
	return r.Client.Query(ctx, in, opts...)
}

// libraryPair is an operation through the library and the same request
// through the SDK.
type libraryPair struct {
	op      string
	library Op
	raw     Op
}

// libraryPairs sets up a table of the library, without timestamps, on the
// engine, fills a partition of PartitionItems items, and returns Put, Get
// and a Query of QueryItems items through the library and as the raw SDK
// calls the library made.
func libraryPairs(ctx context.Context, eng *local.Engine) ([]libraryPair, error) {
	client := EngineClient(eng)
	rec := &inputRecorder{Client: client}
	recTable := db.NewTable(rec, "library", db.WithoutTimestamps())
	table := db.NewTable(client, "library", db.WithoutTimestamps())
	if err := table.Create(ctx); err != nil {
		return nil, err
	}
	pk := db.PK[User]("u")
	data := db.Attrs(db.Item{"data": payload[:ItemBytes-30]})
	for n := range PartitionItems {
		if err := recTable.Put(ctx, pk, db.SK[Thing](sortKey(n)), data); err != nil {
			return nil, err
		}
	}
	first, last := db.SK[Thing](sortKey(0)), db.SK[Thing](sortKey(QueryItems-1))
	put := func(ctx context.Context, _, _ int) error { return table.Put(ctx, pk, first, data) }
	get := func(ctx context.Context, _, _ int) error { _, err := table.Get(ctx, pk, first); return err }
	query := func(ctx context.Context, _, _ int) error {
		items, err := table.Query(ctx, pk, db.SortKeyBetween(first, last))
		if err == nil && len(items) != QueryItems {
			err = fmt.Errorf("load: library Query returned %d items", len(items))
		}
		return err
	}
	// Record one request of each.
	if err := recTable.Put(ctx, pk, first, data); err != nil {
		return nil, err
	}
	if _, err := recTable.Get(ctx, pk, first); err != nil {
		return nil, err
	}
	if _, err := recTable.Query(ctx, pk, db.SortKeyBetween(first, last)); err != nil {
		return nil, err
	}
	return []libraryPair{
		{OpPut, put, func(ctx context.Context, _, _ int) error { _, err := client.PutItem(ctx, rec.put); return err }},
		{OpGet, get, func(ctx context.Context, _, _ int) error { _, err := client.GetItem(ctx, rec.get); return err }},
		{OpQuery, query, func(ctx context.Context, _, _ int) error { _, err := client.Query(ctx, rec.query); return err }},
	}, nil
}

// MeasureOverhead measures the library's Put, Get and Query against the
// same raw SDK calls on the in-process engine, one request at a time,
// alternating slices of slice each, slices times.
func MeasureOverhead(ctx context.Context, slices int, slice time.Duration) ([]Overhead, error) {
	eng := local.New()
	defer eng.Close()
	pairs, err := libraryPairs(ctx, eng)
	if err != nil {
		return nil, fmt.Errorf("load: library table: %w", err)
	}
	out := make([]Overhead, len(pairs))
	for i, p := range pairs {
		out[i] = measurePair(ctx, p, slices, slice)
	}
	return out, nil
}

// tally adds up the samples of alternating slices.
type tally struct {
	ops, errors int
	elapsed     time.Duration
	cpu         time.Duration
}

// run runs a slice of op and returns its time and CPU per operation.
func (t *tally) run(ctx context.Context, op Op, b Bounds) (us, cpuUs float64) {
	cpu0 := SelfCPU()
	s := Run(ctx, b, op)
	cpu := SelfCPU() - cpu0
	t.cpu += cpu
	t.ops += s.Ops
	t.errors += s.Errors
	t.elapsed += s.Elapsed
	return perOp(s.Elapsed, s.Ops), perOp(cpu, s.Ops)
}

// measurePair alternates slices of the library's operation and the raw
// one. The overheads are the medians of the slice pairs' ratios, which a
// burst of load on the machine sways less than the sums.
func measurePair(ctx context.Context, p libraryPair, slices int, slice time.Duration) Overhead {
	b := Bounds{Workers: 1, Count: 1 << 30, Time: slice}
	Run(ctx, Bounds{Workers: 1, Count: 500, Time: slice}, p.library) // warm up
	var lib, raw tally
	var timeRatios, cpuRatios []float64
	for range slices {
		libUs, libCPU := lib.run(ctx, p.library, b)
		rawUs, rawCPU := raw.run(ctx, p.raw, b)
		timeRatios = append(timeRatios, Ratio(libUs, rawUs))
		cpuRatios = append(cpuRatios, Ratio(libCPU, rawCPU))
	}
	return Overhead{
		Op:            p.op,
		LibraryUs:     perOp(lib.elapsed, lib.ops),
		RawUs:         perOp(raw.elapsed, raw.ops),
		LibraryCPUUs:  perOp(lib.cpu, lib.ops),
		RawCPUUs:      perOp(raw.cpu, raw.ops),
		Overhead:      Median(timeRatios) - 1,
		CPUOverhead:   Median(cpuRatios) - 1,
		LibraryErrors: lib.errors,
		RawErrors:     raw.errors,
	}
}
