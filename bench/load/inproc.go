package load

import (
	"context"
	"time"

	"github.com/dokklib/db/local"
)

// InProcTargets returns the engine in process, through its own SDK client,
// and the no-op handler through the same client, each with a workload of
// partitions seeded partitions. close stops the engine.
func InProcTargets(partitions int) (targets []Target, close func()) {
	eng := local.New()
	return []Target{
		{Name: EngineInProc, Workload: &Workload{Client: EngineClient(eng), Partitions: partitions}},
		{Name: NoopInProc, Workload: &Workload{Client: HandlerSDKClient(eng, NewNoop()), Partitions: partitions}},
	}, func() { _ = eng.Close() }
}

// InProcStartup returns the time to create an engine in process and answer
// its first request, ListTables, through its SDK client.
func InProcStartup(ctx context.Context) (time.Duration, error) {
	start := time.Now()
	eng := local.New()
	defer eng.Close()
	_, err := EngineClient(eng).ListTables(ctx, nil)
	return time.Since(start), err
}
