package main

// The durability test: the server, built and run as a child process with
// -data, is killed with SIGKILL while clients write to it, then restarted
// on the same directory, which must hold every acknowledged write and no
// half of a transaction.

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

const (
	durWriters   = 8
	durKillAfter = 300             // acknowledged writes before the kill
	durLoadLimit = 4 * time.Second // the kill comes by then at the latest
	durStartWait = 10 * time.Second
	durTable     = "durable"
)

// durProcess is one run of the server binary.
type durProcess struct {
	cmd      *exec.Cmd
	log      *syncBuffer
	endpoint string
	exited   chan struct{} // closed when the process has exited
	waitErr  error         // read once exited is closed
}

// startDurProcess starts the server binary on dir and a free loopback
// port, waits until it listens, and kills it when the test ends.
func startDurProcess(t *testing.T, bin, dir string) *durProcess {
	t.Helper()
	p := &durProcess{log: &syncBuffer{}, exited: make(chan struct{})}
	p.cmd = exec.Command(bin, "-addr", "127.0.0.1:0", "-data", dir, "-log-format", "json", "-ttl-interval", "0")
	stderr, err := p.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.kill(t) })
	addr := make(chan string, 1)
	go p.readLog(bufio.NewScanner(stderr), addr)
	select {
	case a := <-addr:
		p.endpoint = "http://" + a
	case <-p.exited:
		t.Fatalf("server exited: %v\n%s", p.waitErr, p.log)
	case <-time.After(durStartWait):
		t.Fatalf("server did not listen within %v\n%s", durStartWait, p.log)
	}
	return p
}

// readLog keeps the server's log records and sends the address of its
// "listening" record; once the log ends, it waits for the process.
func (p *durProcess) readLog(sc *bufio.Scanner, addr chan<- string) {
	for sc.Scan() {
		line := sc.Bytes()
		_, _ = p.log.Write(append(append([]byte(nil), line...), '\n'))
		var rec struct{ Msg, Addr string }
		if json.Unmarshal(line, &rec) == nil && rec.Msg == "listening" {
			addr <- rec.Addr
		}
	}
	p.waitErr = p.cmd.Wait()
	close(p.exited)
}

// kill ends the process, if it still runs, with SIGKILL, by its PID.
func (p *durProcess) kill(t *testing.T) {
	select {
	case <-p.exited:
		return
	default:
	}
	if err := p.cmd.Process.Kill(); err != nil {
		t.Errorf("kill pid %d: %v", p.cmd.Process.Pid, err)
	}
	<-p.exited
}

// stop ends the process with SIGTERM and returns how it exited.
func (p *durProcess) stop() error {
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	select {
	case <-p.exited:
		return p.waitErr
	case <-time.After(shutdownTimeout):
		return fmt.Errorf("pid %d did not stop", p.cmd.Process.Pid)
	}
}

// client returns an SDK client of the process that does not retry.
func (p *durProcess) client() *dynamodb.Client {
	return dynamodb.New(dynamodb.Options{
		Region: "us-east-1", BaseEndpoint: aws.String(p.endpoint), RetryMaxAttempts: 1,
		Credentials: credentials.NewStaticCredentialsProvider("k", "s", ""),
	})
}

// checkClient returns an SDK client of the process for checking what it
// holds, with the SDK's standard retries: a check only reads, so a read
// whose connection failed can be sent again (at times a response over a
// fresh connection to the restarted server is cut short on the client's
// side), while the writers' clients must not retry, to know what was
// acknowledged.
func (p *durProcess) checkClient() *dynamodb.Client {
	return dynamodb.New(dynamodb.Options{
		Region: "us-east-1", BaseEndpoint: aws.String(p.endpoint), RetryMaxAttempts: 3,
		Credentials: credentials.NewStaticCredentialsProvider("k", "s", ""),
	})
}

// buildDurServer builds the server into a temporary directory.
func buildDurServer(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "dokklib-local")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// durLedger records what the writers did.
type durLedger struct {
	mu       sync.Mutex
	puts     map[string]string // acknowledged puts: PK to value
	txs      map[string]bool   // transactions: ID to whether acknowledged
	counters [durWriters]struct{ acked, tried int }
	seen     [durWriters]int // the highest value of each counter a read answered
	total    int             // acknowledgements
}

func TestDurabilityAcrossKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the server; skipped with -short")
	}
	bin, dir := buildDurServer(t), t.TempDir()
	p := startDurProcess(t, bin, dir)
	checkDirLocked(t, bin, dir)
	createDurTable(t, p.client())
	led := &durLedger{puts: map[string]string{}, txs: map[string]bool{}}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for w := range durWriters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			durWrite(ctx, p.client(), w, led)
		}()
	}
	waitForAcks(led, durKillAfter, durLoadLimit)
	p.kill(t) // SIGKILL, with the writers still writing
	cancel()
	wg.Wait()
	t.Logf("killed after %d acknowledged writes", led.total)
	if led.total == 0 {
		t.Fatal("no write was acknowledged")
	}
	p = startDurProcess(t, bin, dir)
	checkDurState(t, p.checkClient(), led)
	if err := p.stop(); err != nil {
		t.Fatalf("graceful stop: %v\n%s", err, p.log)
	}
	assertLogged(t, p.log.String(), `"msg":"data opened"`, `"msg":"stopped"`)
}

// checkDirLocked checks that a second server on dir refuses to start.
func checkDirLocked(t *testing.T, bin, dir string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), durStartWait)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "-addr", "127.0.0.1:0", "-data", dir).CombinedOutput()
	if err == nil || ctx.Err() != nil || !strings.Contains(string(out), "in use by another process") {
		t.Fatalf("second server on the same directory: %v\n%s", err, out)
	}
}

// assertLogged checks that the log has each of want.
func assertLogged(t *testing.T, log string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(log, w) {
			t.Errorf("log lacks %s:\n%s", w, log)
		}
	}
}
