package db

import (
	"fmt"
	"testing"
	"time"
)

func TestTokenClockRemembersForTenMinutes(t *testing.T) {
	var c tokenClock
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if got := c.stamp("a", t0); !got.Equal(t0) {
		t.Errorf("first use = %v, want %v", got, t0)
	}
	if got := c.stamp("a", t0.Add(9*time.Minute)); !got.Equal(t0) {
		t.Errorf("nine minutes on = %v, want the first use %v", got, t0)
	}
	later := t0.Add(tokenLifetime)
	if got := c.stamp("a", later); !got.Equal(later) {
		t.Errorf("ten minutes on = %v, want %v: the token is forgotten", got, later)
	}
	if len(c.at) != 1 || len(c.order)-c.head != 1 {
		t.Errorf("remembers %d tokens (%d in order), want 1", len(c.at), len(c.order)-c.head)
	}
}

func TestTokenClockIsBounded(t *testing.T) {
	var c tokenClock
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range maxRememberedTokens + 10 {
		c.stamp(fmt.Sprint(i), t0)
	}
	if n := len(c.at); n > maxRememberedTokens {
		t.Errorf("remembers %d tokens, want at most %d", n, maxRememberedTokens)
	}
	if _, ok := c.at["0"]; ok {
		t.Error("the oldest token is still remembered")
	}
	if cap(c.order) > 4*maxRememberedTokens {
		t.Errorf("the order queue grew to %d", cap(c.order))
	}
}
