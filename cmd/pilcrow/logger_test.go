package main

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// TestLogTimesAreUTC: every log line's time is written in UTC, whatever the
// machine's zone.
func TestLogTimesAreUTC(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{ReplaceAttr: utcTime}))
	log.Info("hello")
	var line map[string]any
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
		t.Fatal(err)
	}
	at, err := time.Parse(time.RFC3339Nano, line["time"].(string))
	if err != nil || !strings.HasSuffix(line["time"].(string), "Z") || at.IsZero() {
		t.Errorf("time %v is not UTC", line["time"])
	}
}
