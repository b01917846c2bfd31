package load

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"
)

// Profile writes a CPU profile of each operation into dir: of the engine's
// server, served by argv (which must serve /debug/pprof/profile, as Serve
// with profiling does), as server-OP.pprof, and of the engine in process,
// client included, as inproc-OP.pprof. Each covers a phase of suite.
func Profile(ctx context.Context, dir string, suite Suite, argv []string, partitions int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	srv, err := StartProcess(ctx, "engine (HTTP, profiled)", argv...)
	if err != nil {
		return err
	}
	defer srv.Close()
	server := HTTPTargets([]*Server{srv}, suite.Bounds.Workers, partitions)[0]
	inproc, closeInProc := InProcTargets(partitions)
	defer closeInProc()
	targets := []Target{server, inproc[0]}
	if err := suite.Setup(ctx, targets); err != nil {
		return err
	}
	suite.Warm(ctx, targets)
	for _, op := range suite.Ops {
		if err := profileServer(ctx, dir, suite, server, srv.Endpoint, op); err != nil {
			return err
		}
		if err := profileInProc(ctx, dir, suite, inproc[0], op); err != nil {
			return err
		}
	}
	return nil
}

// profileServer profiles the server during a phase of op.
func profileServer(ctx context.Context, dir string, suite Suite, t Target, endpoint, op string) error {
	secs := int(math.Ceil(suite.Bounds.Time.Seconds()))
	b := suite.Bounds
	b.Time = time.Duration(secs) * time.Second
	errc := make(chan error, 1)
	go func() {
		errc <- fetch(ctx, fmt.Sprintf("%s/debug/pprof/profile?seconds=%d", endpoint, secs), filepath.Join(dir, "server-"+op+".pprof"))
	}()
	p := Measure(ctx, t, op, b)
	suite.logPhase(p)
	return <-errc
}

// profileInProc profiles this process during a phase of op.
func profileInProc(ctx context.Context, dir string, suite Suite, t Target, op string) error {
	f, err := os.Create(filepath.Join(dir, "inproc-"+op+".pprof"))
	if err != nil {
		return err
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		return err
	}
	p := Measure(ctx, t, op, suite.Bounds)
	pprof.StopCPUProfile()
	suite.logPhase(p)
	return f.Close()
}

// fetch saves what url answers to path.
func fetch(ctx context.Context, url, path string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("load: %s: %s", url, resp.Status)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
