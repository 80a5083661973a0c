package config

import (
	"slices"
	"strings"
	"testing"
)

func TestLanguages(t *testing.T) {
	good := map[string][]string{"": {"en"}, "en": {"en"}, "en,cy": {"en", "cy"}, " cy , EN ": {"en", "cy"}}
	for v, want := range good {
		c, err := load(map[string]string{"PILCROW_LANGUAGES": v})
		if err != nil {
			t.Fatalf("%q: %v", v, err)
		}
		if !slices.Equal(c.Languages, want) {
			t.Errorf("%q: got %v, want %v", v, c.Languages, want)
		}
	}
	for _, v := range []string{"cy", "en,fr", "welsh", "en,"} {
		_, err := load(map[string]string{"PILCROW_LANGUAGES": v})
		if err == nil || !strings.Contains(err.Error(), "PILCROW_LANGUAGES") {
			t.Errorf("%q: want an error naming PILCROW_LANGUAGES, got %v", v, err)
		}
	}
}
