package config

import (
	"strings"
	"testing"
)

// A listen address that cannot be listened on stops start-up naming PILCROW_ADDR,
// before migrations run; good ones load.
func TestLoadChecksListenAddress(t *testing.T) {
	cases := []struct {
		addr string
		ok   bool
	}{
		{":8080", true},
		{"127.0.0.1:8181", true},
		{"[::1]:0", true},
		{"bogus", false},
		{"localhost", false},
		{":http", true},
		{":99999", false},
		{"1.2.3.4:-1", false},
	}
	for _, tc := range cases {
		t.Run(tc.addr, func(t *testing.T) {
			_, err := load(map[string]string{"PILCROW_ADDR": tc.addr})
			if tc.ok && err != nil {
				t.Fatalf("refused: %v", err)
			}
			if !tc.ok && (err == nil || !strings.Contains(err.Error(), "PILCROW_ADDR")) {
				t.Fatalf("error %v does not name PILCROW_ADDR", err)
			}
		})
	}
}
