package config

import "testing"

// TestPreviousSessionSecrets reads the former session secrets, comma-separated,
// skipping blanks; none when the variable is unset.
func TestPreviousSessionSecrets(t *testing.T) {
	c, err := Load(func(k string) string {
		return map[string]string{"PILCROW_PREVIOUS_SESSION_SECRETS": " first-old-secret , ,second-old-secret"}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.PreviousSessionSecrets) != 2 || string(c.PreviousSessionSecrets[0]) != "first-old-secret" ||
		string(c.PreviousSessionSecrets[1]) != "second-old-secret" {
		t.Errorf("previous secrets = %q", c.PreviousSessionSecrets)
	}
	if c, _ := Load(func(string) string { return "" }); len(c.PreviousSessionSecrets) != 0 {
		t.Errorf("previous secrets without the variable = %q", c.PreviousSessionSecrets)
	}
}
